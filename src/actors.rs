//! Who is framed how: actors, the framing hits that target them, and how
//! their statements are attributed.
//!
//! Actor packs are YAML (`rules/actors/*.yaml`, or `--actors FILE` per
//! story):
//!
//! ```yaml
//! actors:
//!   Japan: [Japan, Japanese, Tokyo]     # name: aliases (stems with `*` work too)
//! speech: [said, told, "according to"]  # neutral verbs of saying (optional)
//! ```
//!
//! Aliases compile into their own Aho-Corasick automaton, searched over the
//! same folded text as the rules, with the same case, dash and word-boundary
//! semantics.
//!
//! **Targeting** is a documented heuristic, not a parser: a hit targets the
//! nearest actor mentioned *before* it in its sentence (the subject usually
//! comes first: "Tokyo has humiliatingly backtracked", "Iwaya claimed");
//! failing that, the nearest actor mentioned after it in the sentence
//! ("…, claimed Iwaya"); failing that, no one. Loaded attribution verbs and
//! neutral speech verbs are targeted the same way and make up each actor's
//! attribution profile. `docs/actors.md` lists the failure modes.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::matcher::{Match, Matcher};
use crate::normalize::{Folded, fold_term, is_word_char, one_line};
use crate::rules::{PackError, PackErrors, PackSource, Polarity, line_col};
use crate::score::{Hit, round3};
use crate::segment::Segments;
use crate::yaml;

/// The default actor packs, embedded in the binary.
const DEFAULT_ACTORS: &[(&str, &str)] = &[(
    "rules/actors/world.yaml",
    include_str!("../rules/actors/world.yaml"),
)];

/// The category whose hits are loaded verbs of saying.
pub const ATTRIBUTION_CATEGORY: &str = "attribution";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFile {
    #[serde(default)]
    actors: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    speech: Vec<String>,
}

/// Loaded actors, compiled.
#[derive(Debug, Clone)]
pub struct Actors {
    names: Vec<String>,
    matcher: Matcher,
    /// Folded forms of aliases written in capitals ("US", "UN"): they match
    /// only where the text has them in capitals, so `US` is not `us`.
    acronyms: Vec<String>,
}

impl Actors {
    /// The default actor packs' sources.
    pub fn default_sources() -> Vec<PackSource> {
        PackSource::embedded(DEFAULT_ACTORS)
    }

    /// Loads actor packs; an actor named in several packs gets all their
    /// aliases. Every mistake is returned, located.
    pub fn load(sources: &[PackSource]) -> Result<Actors, PackErrors> {
        let mut errors = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        // Folded alias (with `*` for stems) -> (owner, as written, file).
        let mut owners: HashMap<String, (usize, String, String)> = HashMap::new();
        let mut terms: Vec<(String, usize, bool)> = Vec::new();
        let mut acronyms: Vec<String> = Vec::new();
        for source in sources {
            let file: ActorFile = match yaml::parse(&source.text) {
                Ok(f) => f,
                Err(e) => {
                    let (line, column) = e.location.map_or((0, 0), |l| (l.1, l.2));
                    errors.push(PackError {
                        file: source.name.clone(),
                        line,
                        column,
                        message: e.message,
                        help: "an actor pack has `actors:` (name: [aliases]) and optionally `speech:` (verbs); see docs/actors.md".into(),
                        snippet: None,
                    });
                    continue;
                }
            };
            let speech = file.speech.into_iter().map(|v| (v, usize::MAX));
            let aliases = file.actors.into_iter().flat_map(|(name, aliases)| {
                let owner = *index.entry(name.clone()).or_insert_with(|| {
                    names.push(name);
                    names.len() - 1
                });
                aliases.into_iter().map(move |a| (a, owner))
            });
            for (raw, owner) in aliases.collect::<Vec<_>>().into_iter().chain(speech) {
                let trimmed = raw.trim();
                let (body, stem) = match trimmed.strip_suffix('*') {
                    Some(b) => (b, true),
                    None => (trimmed, false),
                };
                let folded = fold_term(body);
                let at = source.text.find(trimmed).unwrap_or(0);
                let (line, column, _) = line_col(&source.text, at);
                if !folded.chars().any(is_word_char) || body.contains('*') {
                    errors.push(PackError {
                        file: source.name.clone(),
                        line,
                        column,
                        message: format!("`{raw}` is not a name or a phrase"),
                        help: "write the alias as it appears in text, e.g. `Tokyo`; `*` only at the end".into(),
                        snippet: None,
                    });
                    continue;
                }
                let key = if stem {
                    format!("{folded}*")
                } else {
                    folded.clone()
                };
                if let Some((other, first, file)) = owners.get(&key) {
                    if *other != owner {
                        let who =
                            |o: usize| names.get(o).map_or("speech".to_string(), Clone::clone);
                        errors.push(PackError {
                            file: source.name.clone(),
                            line,
                            column,
                            message: format!(
                                "`{raw}` is listed for {} and, as `{first}` in {file}, for {}",
                                who(owner),
                                who(*other)
                            ),
                            help: "an alias may name one actor only: remove one of them".into(),
                            snippet: None,
                        });
                    }
                    continue;
                }
                if is_acronym(body) {
                    acronyms.push(folded.clone());
                }
                owners.insert(key, (owner, raw.clone(), source.name.clone()));
                terms.push((folded, owner, stem));
            }
        }
        if !errors.is_empty() {
            return Err(PackErrors(errors));
        }
        let speech_owner = names.len();
        let build = terms.iter().map(|(t, o, s)| {
            let owner = if *o == usize::MAX { speech_owner } else { *o };
            (t.as_str(), owner, *s)
        });
        let matcher = Matcher::build(build, std::iter::empty()).map_err(|e| {
            PackErrors(vec![PackError {
                file: sources.first().map_or(String::new(), |s| s.name.clone()),
                line: 0,
                column: 0,
                message: format!("cannot compile the actors: {e}"),
                help: "use fewer aliases".into(),
                snippet: None,
            }])
        })?;
        Ok(Actors {
            names,
            matcher,
            acronyms,
        })
    }

    /// Actor names, in load order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Finds actor mentions (`rule` = actor index) and speech verbs
    /// (`rule` = `names().len()`) in `text`, folded as `folded`, in order.
    pub fn find(&self, folded: &Folded, text: &str) -> Vec<Match> {
        let mut found = self.matcher.find(folded);
        if !self.acronyms.is_empty() {
            found.retain(|m| {
                let surface = text.get(m.start..m.end).unwrap_or("");
                !self.acronyms.contains(&fold_term(surface)) || is_acronym(surface)
            });
        }
        found
    }
}

/// Two or more letters, all capitals ("US", "U.S.", "NATO").
fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic());
    letters.clone().count() >= 2 && letters.into_iter().all(char::is_uppercase)
}

/// Hits of one polarity targeting an actor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// In the outlet's own voice.
    pub authorial: usize,
    /// Inside quoted speech.
    pub quoted: usize,
}

/// How an actor's statements are attributed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// Statements with a neutral verb of saying ("said", "told").
    pub neutral: usize,
    /// Statements with a loaded one ("claimed", "insisted").
    pub loaded: usize,
    /// The verbs used, as they stand (lowercased), in order, each once.
    pub verbs: Vec<String>,
    /// Share of the statements whose sentence holds a direct quotation.
    #[serde(serialize_with = "round3")]
    pub direct_quote_share: f64,
}

/// How one actor is framed in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorProfile {
    /// The actor's name.
    pub actor: String,
    /// Times an alias appears.
    pub mentions: usize,
    /// Negative framing hits targeting it.
    pub negative: Counts,
    /// Positive framing hits targeting it.
    pub positive: Counts,
    /// Neutral framing hits targeting it (certainty, hedges...).
    pub neutral: Counts,
    /// (weight of positive hits − weight of negative hits, quoted hits
    /// multiplied by the quoted weight) per mention.
    #[serde(serialize_with = "round3")]
    pub tone: f64,
    /// The framing terms that target it, lowercased, in order, each once.
    pub terms: Vec<String>,
    /// Its statements.
    pub attribution: Attribution,
}

/// Targets hits (setting `Hit::target`) and builds the actor profiles of an
/// article. `base` is the offset of `text` in the original input (a BOM).
pub fn profile(
    names: &[String],
    mentions: &[Match],
    hits: &mut [Hit],
    text: &str,
    base: usize,
    segments: &Segments,
    quoted_weight: f64,
) -> Vec<ActorProfile> {
    let speech_owner = names.len();
    let actor_mentions: Vec<&Match> = mentions.iter().filter(|m| m.rule < speech_owner).collect();
    let mut profiles: Vec<ActorProfile> = names
        .iter()
        .map(|n| ActorProfile {
            actor: n.clone(),
            ..ActorProfile::default()
        })
        .collect();
    // Indexes below are actor indexes: `actor_mentions` holds only matches
    // whose owner is an actor (< names.len()), and `target` returns those.
    for m in &actor_mentions {
        profiles[m.rule].mentions += 1;
    }
    let mut quoted_statements = vec![0usize; names.len()];
    let mut tone_sum = vec![0.0f64; names.len()];
    let mut statement =
        |actor: usize, verb: &str, loaded: bool, at: usize, profiles: &mut Vec<ActorProfile>| {
            let a = &mut profiles[actor].attribution;
            if loaded {
                a.loaded += 1;
            } else {
                a.neutral += 1;
            }
            push_once(&mut a.verbs, verb.to_lowercase());
            let sentence = segments.sentence_at(at);
            if segments
                .quoted
                .iter()
                .any(|q| q.start < sentence.end && sentence.start < q.end)
            {
                quoted_statements[actor] += 1;
            }
        };
    for hit in hits.iter_mut() {
        let at = hit.start - base;
        let Some(actor) = target(&actor_mentions, at, hit.end - base, segments) else {
            continue;
        };
        hit.target = Some(names[actor].clone());
        let p = &mut profiles[actor];
        let counts = match hit.polarity {
            Polarity::Negative => &mut p.negative,
            Polarity::Positive => &mut p.positive,
            Polarity::Neutral => &mut p.neutral,
        };
        if hit.quoted {
            counts.quoted += 1;
        } else {
            counts.authorial += 1;
        }
        let w = if hit.quoted {
            hit.weight * quoted_weight
        } else {
            hit.weight
        };
        tone_sum[actor] += match hit.polarity {
            Polarity::Negative => -w,
            Polarity::Positive => w,
            Polarity::Neutral => 0.0,
        };
        push_once(&mut p.terms, one_line(&hit.text).to_lowercase());
        if hit.category == ATTRIBUTION_CATEGORY {
            statement(actor, &one_line(&hit.text), true, at, &mut profiles);
        }
    }
    for m in mentions.iter().filter(|m| m.rule == speech_owner) {
        if let Some(actor) = target(&actor_mentions, m.start, m.end, segments) {
            statement(
                actor,
                &one_line(&text[m.start..m.end]),
                false,
                m.start,
                &mut profiles,
            );
        }
    }
    for (i, p) in profiles.iter_mut().enumerate() {
        if p.mentions > 0 {
            p.tone = tone_sum[i] / p.mentions as f64;
        }
        let statements = p.attribution.neutral + p.attribution.loaded;
        if statements > 0 {
            p.attribution.direct_quote_share = quoted_statements[i] as f64 / statements as f64;
        }
    }
    let mut profiles: Vec<ActorProfile> = profiles
        .into_iter()
        .filter(|p| p.mentions > 0 || !p.terms.is_empty())
        .collect();
    profiles.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.actor.cmp(&b.actor))
    });
    profiles
}

/// The actor a span at `start..end` targets: the nearest mention before it
/// in its sentence, else the nearest after it in its sentence.
fn target(mentions: &[&Match], start: usize, end: usize, segments: &Segments) -> Option<usize> {
    let sentence = segments.sentence_at(start);
    let before = mentions
        .iter()
        .filter(|m| m.start >= sentence.start && m.end <= start)
        .max_by_key(|m| m.start);
    let after = || {
        mentions
            .iter()
            .filter(|m| m.start >= end && m.end <= sentence.end)
            .min_by_key(|m| m.start)
    };
    before.or_else(after).map(|m| m.rule)
}

fn push_once(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}
