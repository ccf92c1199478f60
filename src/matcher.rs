//! One Aho-Corasick automaton for every term and exception of every pack.
//!
//! The automaton searches folded text (see [`crate::normalize`]), so case,
//! curly quotes and dashes are already dealt with. What `aho-corasick` does
//! not do, this module does: word boundaries, stems, exceptions and context
//! conditions ([`crate::context`]). Word forms (`sneer+`) need nothing here:
//! the loader generated them as plain terms.
//!
//! It asks the automaton for *all* overlapping occurrences and then picks the
//! leftmost-longest ones that pass the boundary checks. Asking for
//! leftmost-longest directly would be wrong here: when the longest candidate
//! at a position fails its word boundary ("so called experts" in "so called
//! expertsystem"), a shorter one ("so called") must still win, and the
//! automaton's own leftmost-longest search would have skipped it.
//!
//! Exceptions and context conditions work the same way: they remove
//! candidates *before* the leftmost-longest choice, so a candidate dropped by
//! its rule's `unless:` (or missing its `only:` context) never shadows a
//! shorter or overlapping candidate of another rule. Conditions are checked
//! only for candidates of rules that have them, each within a bounded window
//! of words around the candidate.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::context::Context;
use crate::normalize::{Folded, is_word_char};
use crate::rules::RuleSet;

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy)]
enum Use {
    /// A term of rule `rule`; `stem` terms match any word starting with them.
    Term { rule: usize, stem: bool },
    /// An exception phrase of rule `rule`.
    Exception { rule: usize },
}

/// The compiled matcher. Build once, search many texts; it is `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// Indexed by pattern id. One folded string may serve several uses, e.g.
    /// one rule's term and another rule's exception.
    uses: Vec<Vec<Use>>,
    /// Context conditions by owner; empty when no rule has any, which keeps
    /// the search free of the check.
    contexts: Vec<Option<Conditions>>,
}

/// A rule's `unless:` and `only:`.
#[derive(Debug, Clone)]
struct Conditions {
    unless: Option<Context>,
    only: Option<Context>,
}

impl Conditions {
    fn allow(&self, text: &str, c: &Candidate) -> bool {
        !self
            .unless
            .as_ref()
            .is_some_and(|u| u.found(text, c.start, c.end))
            && self
                .only
                .as_ref()
                .is_none_or(|o| o.found(text, c.start, c.end))
    }
}

/// A rule's match in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index of the rule in its [`RuleSet`].
    pub rule: usize,
    /// Byte offset in the original text.
    pub start: usize,
    /// Byte offset in the original text, exclusive.
    pub end: usize,
}

/// A candidate in folded offsets.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    rule: usize,
    stem: bool,
}

impl Matcher {
    /// Compiles every term (with its word forms) and exception of `rules`
    /// into one automaton, and keeps the rules' context conditions.
    pub fn new(rules: &RuleSet) -> Result<Matcher, aho_corasick::BuildError> {
        let terms = rules.rules().iter().enumerate().flat_map(|(rule, r)| {
            r.terms.iter().flat_map(move |t| {
                std::iter::once((t.folded.as_str(), rule, t.stem))
                    .chain(t.forms.iter().map(move |f| (f.as_str(), rule, false)))
            })
        });
        let exceptions = rules
            .rules()
            .iter()
            .enumerate()
            .flat_map(|(rule, r)| r.exceptions.iter().map(move |e| (e.as_str(), rule)));
        let mut matcher = Matcher::build(terms, exceptions)?;
        if rules
            .rules()
            .iter()
            .any(|r| r.unless.is_some() || r.only.is_some())
        {
            matcher.contexts = rules
                .rules()
                .iter()
                .map(|r| {
                    (r.unless.is_some() || r.only.is_some()).then(|| Conditions {
                        unless: r.unless.clone(),
                        only: r.only.clone(),
                    })
                })
                .collect();
        }
        Ok(matcher)
    }

    /// Compiles folded terms `(text, owner, stem)` and exception phrases
    /// `(text, owner)`; a match's `rule` is its term's owner. Rules use it
    /// with rule indexes, actors with actor indexes.
    pub fn build<'a>(
        terms: impl IntoIterator<Item = (&'a str, usize, bool)>,
        exceptions: impl IntoIterator<Item = (&'a str, usize)>,
    ) -> Result<Matcher, aho_corasick::BuildError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut uses: Vec<Vec<Use>> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut add = |pattern: &str, u: Use| {
            let id = *ids.entry(pattern.to_string()).or_insert_with(|| {
                patterns.push(pattern.to_string());
                uses.push(Vec::new());
                patterns.len() - 1
            });
            uses[id].push(u);
        };
        for (text, rule, stem) in terms {
            add(text, Use::Term { rule, stem });
        }
        for (text, rule) in exceptions {
            add(text, Use::Exception { rule });
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)?;
        Ok(Matcher {
            automaton,
            uses,
            contexts: Vec::new(),
        })
    }

    /// Finds every rule match in `folded`, in order, without overlaps.
    pub fn find(&self, folded: &Folded) -> Vec<Match> {
        let text = folded.text.as_str();
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut exceptions: Vec<(usize, usize, usize)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !boundary_before(text, start) {
                continue;
            }
            for &u in &self.uses[m.pattern().as_usize()] {
                match u {
                    Use::Term { rule, stem: false } if boundary_after(text, end) => {
                        candidates.push(Candidate {
                            start,
                            end,
                            rule,
                            stem: false,
                        });
                    }
                    Use::Term { rule, stem: true } => candidates.push(Candidate {
                        start,
                        end: word_end(text, end),
                        rule,
                        stem: true,
                    }),
                    Use::Exception { rule } if boundary_after(text, end) => {
                        exceptions.push((start, end, rule));
                    }
                    _ => {}
                }
            }
        }
        if !exceptions.is_empty() {
            candidates.retain(|c| {
                !exceptions
                    .iter()
                    .any(|&(s, e, rule)| rule == c.rule && s <= c.start && c.end <= e)
            });
        }
        if !self.contexts.is_empty() {
            candidates.retain(|c| match self.contexts.get(c.rule) {
                Some(Some(conditions)) => conditions.allow(text, c),
                _ => true,
            });
        }
        // Leftmost first; at one position the longest; then a literal term
        // over a stem; then load order, so results never depend on hashing.
        candidates.sort_unstable_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.stem.cmp(&b.stem))
                .then(a.rule.cmp(&b.rule))
        });
        let mut out = Vec::with_capacity(candidates.len());
        let mut covered_to = 0;
        for c in candidates {
            if c.start < covered_to {
                continue;
            }
            covered_to = c.end;
            out.push(Match {
                rule: c.rule,
                start: folded.original_start(c.start),
                end: folded.original_end(c.end),
            });
        }
        out
    }
}

// The offsets below come from the automaton's matches in `text`. Patterns are
// whole UTF-8 strings, and a UTF-8 string can only occur in UTF-8 text at
// char boundaries, so slicing there cannot fail.

fn boundary_before(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(is_word_char)
}

fn boundary_after(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(is_word_char)
}

/// The end of the word that continues at `at`.
fn word_end(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| at + i)
}
