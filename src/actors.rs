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

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use serde::Deserialize;

use crate::ids::ActorId;
use crate::matcher::{Match, Matcher};
use crate::model::{ActorProfile, Hit, Polarity};
use crate::normalize::{fold_term, is_word_char, one_line};
use crate::rules::{PackError, PackErrors, PackSource, line_col, nth_line};
use crate::segment::Segments;
use crate::yaml::{self, Shape};

/// The default actor packs, embedded in the binary.
const DEFAULT_ACTORS: &[(&str, &str)] = &[(
    "rules/actors/world.yaml",
    include_str!("../rules/actors/world.yaml"),
)];

pub use crate::model::ATTRIBUTION_CATEGORY;

/// The fields of [`ActorFile`], for reporting every unknown one at once.
const SHAPE: Shape = Shape::Fields(
    "an actor pack",
    &[("actors", Shape::Any), ("speech", Shape::Any)],
);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFile {
    #[serde(default)]
    actors: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    speech: Vec<String>,
}

/// What an actor pack's term stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mention {
    /// An alias of an actor.
    Actor(ActorId),
    /// A neutral verb of saying.
    Speech,
}

/// Loaded actors, compiled.
#[derive(Debug, Clone)]
pub struct Actors {
    names: Vec<String>,
    matcher: Matcher<Mention>,
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
        let mut owners: HashMap<String, (Mention, String, String)> = HashMap::new();
        let mut terms: Vec<(String, Mention, bool)> = Vec::new();
        let mut acronyms: Vec<String> = Vec::new();
        for source in sources {
            let file: ActorFile = match yaml::parse(&source.text, &SHAPE) {
                Ok(f) => f,
                Err(found) => {
                    errors.extend(found.into_iter().map(|e| {
                        let (line, column) = e.location.map_or((0, 0), |l| (l.1, l.2));
                        PackError {
                            file: source.name.clone(),
                            line,
                            column,
                            message: e.message,
                            help: e.help.unwrap_or_else(|| "an actor pack has `actors:` (name: [aliases]) and optionally `speech:` (verbs); see docs/actors.md".into()),
                            snippet: nth_line(&source.text, line),
                        }
                    }));
                    continue;
                }
            };
            let speech = file.speech.into_iter().map(|v| (v, Mention::Speech));
            let aliases = file.actors.into_iter().flat_map(|(name, aliases)| {
                let owner = *index.entry(name.clone()).or_insert_with(|| {
                    names.push(name);
                    names.len() - 1
                });
                let owner = Mention::Actor(ActorId::new(owner));
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
                        let who = |o: Mention| match o {
                            Mention::Actor(a) => names[a.index()].clone(),
                            Mention::Speech => "speech".to_string(),
                        };
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
        let build = terms.iter().map(|(t, o, s)| (t.as_str(), *o, *s));
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

    /// The name of actor `id`.
    pub fn name(&self, id: ActorId) -> &str {
        &self.names[id.index()]
    }

    /// Finds actor mentions and speech verbs in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Match<Mention>> {
        let mut found = self.matcher.find_text(text);
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

/// Who each hit targets, and how each actor is framed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profiles {
    /// The actor each hit targets, in the hits' order.
    pub targets: Vec<Option<ActorId>>,
    /// The actors mentioned or framed, most mentioned first.
    pub profiles: Vec<ActorProfile>,
}

/// Targets hits and builds the actor profiles of an article.
///
/// `hits` are the report's hits and `spans` their text offsets (the
/// analysis's matches), in the same order; `mentions` are the article's
/// actor matches. Every lookup is a binary search, so the cost is
/// n·log n in hits and mentions.
pub fn profile(
    names: &[String],
    mentions: &[Match<Mention>],
    hits: &[Hit],
    spans: &[Range<usize>],
    text: &str,
    segments: &Segments,
) -> Profiles {
    let actor_mentions: Vec<(Range<usize>, ActorId)> = mentions
        .iter()
        .filter_map(|m| match m.rule {
            Mention::Actor(a) => Some((m.start..m.end, a)),
            Mention::Speech => None,
        })
        .collect();
    let mut profiles: Vec<ActorProfile> = names
        .iter()
        .map(|n| ActorProfile {
            actor: n.clone(),
            ..ActorProfile::default()
        })
        .collect();
    for (_, a) in &actor_mentions {
        profiles[a.index()].mentions += 1;
    }
    let mut quoted_statements = vec![0usize; names.len()];
    let (mut seen_verbs, mut seen_terms) = (HashSet::new(), HashSet::new());
    let mut tone_sum = vec![0.0f64; names.len()];
    let mut statement =
        |actor: ActorId, verb: &str, loaded: bool, at: usize, profiles: &mut [ActorProfile]| {
            let a = &mut profiles[actor.index()].attribution;
            if loaded {
                a.loaded += 1;
            } else {
                a.neutral += 1;
            }
            push_once(&mut a.verbs, &mut seen_verbs, actor, verb.to_lowercase());
            if segments.has_quote_in(segments.sentence_at(at)) {
                quoted_statements[actor.index()] += 1;
            }
        };
    let mut targets = Vec::with_capacity(hits.len());
    for (hit, span) in hits.iter().zip(spans) {
        let target = target(&actor_mentions, span.start, span.end, segments);
        targets.push(target);
        let Some(actor) = target else {
            continue;
        };
        let p = &mut profiles[actor.index()];
        let counts = match hit.polarity {
            Polarity::Negative => &mut p.negative,
            Polarity::Positive => &mut p.positive,
            Polarity::Neutral => &mut p.neutral,
        };
        counts.add(hit.voice);
        // The hit's weight as the score counts it: one weighing for both.
        tone_sum[actor.index()] += match hit.polarity {
            Polarity::Negative => -hit.weighted,
            Polarity::Positive => hit.weighted,
            Polarity::Neutral => 0.0,
        };
        push_once(
            &mut p.terms,
            &mut seen_terms,
            actor,
            one_line(&hit.text).to_lowercase(),
        );
        if hit.category == ATTRIBUTION_CATEGORY {
            statement(actor, &one_line(&hit.text), true, span.start, &mut profiles);
        }
    }
    for m in mentions.iter().filter(|m| m.rule == Mention::Speech) {
        if let Some(actor) = target(&actor_mentions, m.start, m.end, segments) {
            let verb = one_line(text.get(m.start..m.end).unwrap_or(""));
            statement(actor, &verb, false, m.start, &mut profiles);
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
    Profiles { targets, profiles }
}

/// The actor a span at `start..end` targets: the nearest mention before it
/// in its sentence, else the nearest after it in its sentence. Mentions are
/// sorted and do not overlap, so both are found by binary search.
fn target(
    mentions: &[(Range<usize>, ActorId)],
    start: usize,
    end: usize,
    segments: &Segments,
) -> Option<ActorId> {
    let sentence = segments.sentence_at(start);
    let before = mentions.partition_point(|(m, _)| m.end <= start);
    let nearest_before = before
        .checked_sub(1)
        .map(|i| &mentions[i])
        .filter(|(m, _)| m.start >= sentence.start);
    let after = || {
        let i = mentions.partition_point(|(m, _)| m.start < end);
        mentions.get(i).filter(|(m, _)| m.end <= sentence.end)
    };
    nearest_before.or_else(after).map(|(_, a)| *a)
}

/// Adds `item` to an actor's `list` unless it is there already; `seen`
/// answers that in constant time (a stem rule can give an article any
/// number of distinct terms, and scanning the list made this quadratic).
fn push_once(
    list: &mut Vec<String>,
    seen: &mut HashSet<(ActorId, String)>,
    actor: ActorId,
    item: String,
) {
    if seen.insert((actor, item.clone())) {
        list.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_lists_every_field_serde_accepts() {
        assert_eq!(
            SHAPE.names(),
            yaml::expected_by_serde::<ActorFile>("zz: 1\n")
        );
    }
}
