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
use crate::ids::RuleId;
use crate::normalize::{Folded, is_word_char};
use crate::rules::RuleSet;

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy)]
enum Use<K> {
    /// A term of `owner`; `stem` terms match any word starting with them.
    Term { owner: K, stem: bool },
    /// An exception phrase of `owner`.
    Exception { owner: K },
}

/// The compiled matcher. Build once, search many texts; it is `Send + Sync`.
///
/// `K` is what a term belongs to: a [`RuleId`] for rule packs; actors use
/// their own key type over the same machinery.
#[derive(Debug, Clone)]
pub struct Matcher<K = RuleId> {
    automaton: AhoCorasick,
    /// Indexed by the automaton's `PatternID`. One folded string may serve
    /// several uses, e.g. one rule's term and another rule's exception.
    uses: Vec<Vec<Use<K>>>,
    /// Context conditions by owner, sorted; empty when no rule has any,
    /// which keeps the search free of the check.
    contexts: Vec<(K, Conditions)>,
}

/// A rule's `unless:` and `only:`.
#[derive(Debug, Clone)]
struct Conditions {
    unless: Option<Context>,
    only: Option<Context>,
}

impl Conditions {
    fn allow<K>(&self, text: &str, c: &Candidate<K>) -> bool {
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

/// A match in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<K = RuleId> {
    /// What matched: the rule (or, for other matchers, the owner of the term).
    pub rule: K,
    /// Byte offset in the original text.
    pub start: usize,
    /// Byte offset in the original text, exclusive.
    pub end: usize,
}

/// A candidate in folded offsets.
#[derive(Debug, Clone, Copy)]
struct Candidate<K> {
    start: usize,
    end: usize,
    rule: K,
    stem: bool,
}

impl Matcher<RuleId> {
    /// Compiles every term (with its word forms) and exception of `rules`
    /// into one automaton, and keeps the rules' context conditions.
    pub fn new(rules: &RuleSet) -> Result<Matcher, aho_corasick::BuildError> {
        let terms = rules.rules().iter().enumerate().flat_map(|(rule, r)| {
            let rule = RuleId::new(rule);
            r.terms.iter().flat_map(move |t| {
                std::iter::once((t.folded.as_str(), rule, t.stem))
                    .chain(t.forms.iter().map(move |f| (f.as_str(), rule, false)))
            })
        });
        let exceptions = rules.rules().iter().enumerate().flat_map(|(rule, r)| {
            r.exceptions
                .iter()
                .map(move |e| (e.as_str(), RuleId::new(rule)))
        });
        let mut matcher = Matcher::build(terms, exceptions)?;
        // Rule ids are in load order, so this list is sorted by owner.
        matcher.contexts = rules
            .rules()
            .iter()
            .enumerate()
            .filter(|(_, r)| r.unless.is_some() || r.only.is_some())
            .map(|(i, r)| {
                let conditions = Conditions {
                    unless: r.unless.clone(),
                    only: r.only.clone(),
                };
                (RuleId::new(i), conditions)
            })
            .collect();
        Ok(matcher)
    }
}

impl<K: Copy + Ord> Matcher<K> {
    /// Compiles folded terms `(text, owner, stem)` and exception phrases
    /// `(text, owner)`; a match's `rule` is its term's owner.
    pub fn build<'a>(
        terms: impl IntoIterator<Item = (&'a str, K, bool)>,
        exceptions: impl IntoIterator<Item = (&'a str, K)>,
    ) -> Result<Matcher<K>, aho_corasick::BuildError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut uses: Vec<Vec<Use<K>>> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut add = |pattern: &str, u: Use<K>| {
            let id = *ids.entry(pattern.to_string()).or_insert_with(|| {
                patterns.push(pattern.to_string());
                uses.push(Vec::new());
                patterns.len() - 1
            });
            uses[id].push(u);
        };
        for (text, owner, stem) in terms {
            add(text, Use::Term { owner, stem });
        }
        for (text, owner) in exceptions {
            add(text, Use::Exception { owner });
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
    pub fn find(&self, folded: &Folded) -> Vec<Match<K>> {
        let text = folded.text.as_str();
        let mut candidates: Vec<Candidate<K>> = Vec::new();
        let mut exceptions: Vec<(usize, usize, K)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !boundary_before(text, start) {
                continue;
            }
            for &u in &self.uses[m.pattern().as_usize()] {
                match u {
                    Use::Term { owner, stem: false } if boundary_after(text, end) => {
                        candidates.push(Candidate {
                            start,
                            end,
                            rule: owner,
                            stem: false,
                        });
                    }
                    Use::Term { owner, stem: true } => candidates.push(Candidate {
                        start,
                        end: word_end(text, end),
                        rule: owner,
                        stem: true,
                    }),
                    Use::Exception { owner } if boundary_after(text, end) => {
                        exceptions.push((start, end, owner));
                    }
                    _ => {}
                }
            }
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
        if !exceptions.is_empty() {
            // An exception can only contain a candidate that starts at most
            // its own length before it: look back that far, not further, so
            // the cost per candidate does not grow with the article.
            exceptions.sort_unstable_by_key(|&(s, _, _)| s);
            let longest = exceptions.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0);
            candidates.retain(|c| {
                let upto = exceptions.partition_point(|&(s, _, _)| s <= c.start);
                !exceptions[..upto]
                    .iter()
                    .rev()
                    .take_while(|&&(s, _, _)| s + longest >= c.start)
                    .any(|&(_, e, rule)| rule == c.rule && c.end <= e)
            });
        }
        if !self.contexts.is_empty() {
            // Checked before the longest is chosen, so a candidate that fails
            // its condition does not shadow a shorter one.
            candidates.retain(
                |c| match self.contexts.binary_search_by(|(k, _)| k.cmp(&c.rule)) {
                    Ok(i) => self.contexts[i].1.allow(text, c),
                    Err(_) => true,
                },
            );
        }
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
