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

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, PatternID, StartKind};

use crate::context::Context;
use crate::fold_scan::{FoldingDfa, RawMatch, RunCache, start_of};
use crate::ids::RuleId;
use crate::normalize::{Folded, fold, is_word_char_folded};
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
    /// The concrete DFA, not `AhoCorasick`: its searches call the automaton
    /// through a trait object, a virtual call per byte, and the scan below
    /// runs several lanes at once (see [`scan`]).
    automaton: DFA,
    /// The same automaton over unfolded text (see [`crate::fold_scan`]);
    /// `None` in the rare case it cannot be built, when texts are folded
    /// first.
    folding: Option<FoldingDfa>,
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
        let automaton = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(&patterns)?;
        Ok(Matcher {
            folding: FoldingDfa::new(&automaton, &patterns),
            automaton,
            uses,
            contexts: Vec::new(),
        })
    }

    /// How many raw automaton matches `folded` has, before any boundary
    /// or rule check: the scan alone, for the per-stage benchmark.
    #[doc(hidden)]
    pub fn raw_matches(&self, folded: &Folded) -> usize {
        let mut raw = Vec::new();
        scan(&self.automaton, folded.text.as_bytes(), &mut raw);
        raw.len()
    }

    /// How many raw automaton matches `text` (not folded) has: the scan of
    /// [`Matcher::find_text`] alone, for the per-stage benchmark.
    #[doc(hidden)]
    pub fn raw_matches_text(&self, text: &str) -> usize {
        let Some(folding) = &self.folding else {
            return self.raw_matches(&fold(text));
        };
        let mut raw = Vec::new();
        folding.scan(&self.automaton, text, &mut raw);
        raw.len()
    }

    /// Finds every rule match in `folded`, in order, without overlaps.
    /// [`Matcher::find_text`] gives the same matches without folding first.
    pub fn find(&self, folded: &Folded) -> Vec<Match<K>> {
        let text = folded.text.as_str();
        let mut raw = Vec::new();
        scan(&self.automaton, text.as_bytes(), &mut raw);
        let spans = raw.into_iter().map(|(end, pattern)| {
            let start = end - self.automaton.pattern_len(pattern);
            (Some(start), end, pattern, 0)
        });
        self.select(text, spans, |c| self.allow(text, c))
            .map(|c| Match {
                rule: c.rule,
                start: folded.original_start(c.start),
                end: folded.original_end(c.end),
            })
            .collect()
    }

    /// Finds every rule match in `text` (not folded), in order, without
    /// overlaps: the automaton folds as it reads (see
    /// [`crate::fold_scan`]), so the text is not copied. Offsets are
    /// `text`'s.
    pub fn find_text(&self, text: &str) -> Vec<Match<K>> {
        let Some(folding) = &self.folding else {
            return self.find(&fold(text));
        };
        let mut raw = Vec::new();
        folding.scan(&self.automaton, text, &mut raw);
        // In order of their ends, so a separator run inside several matches
        // is walked back over once.
        raw.sort_unstable_by_key(|r| r.end);
        let mut runs = RunCache::default();
        let spans = raw.into_iter().map(|RawMatch { end, pattern, tail }| {
            let len = self.automaton.pattern_len(pattern) + tail;
            (start_of(text, end, len, &mut runs), end, pattern, tail)
        });
        // Conditions read the folded words around a candidate: the text is
        // folded only for an article with a candidate that has some.
        let mut folded: Option<Folded> = None;
        let matches = self.select(text, spans, |c| {
            let folded = folded.get_or_insert_with(|| fold(text));
            let c = Candidate {
                start: folded.folded_offset(c.start),
                end: folded.folded_offset(c.end),
                ..*c
            };
            self.allow(&folded.text, &c)
        });
        matches
            .map(|c| Match {
                rule: c.rule,
                start: c.start,
                end: c.end,
            })
            .collect()
    }

    /// Whether a candidate passes its rule's context conditions, in folded
    /// `text` and offsets.
    fn allow(&self, text: &str, c: &Candidate<K>) -> bool {
        match self.contexts.binary_search_by(|(k, _)| k.cmp(&c.rule)) {
            Ok(i) => self.contexts[i].1.allow(text, c),
            Err(_) => true,
        }
    }

    /// The rule matches among raw automaton matches `(start, end, pattern,
    /// tail)` in `text`: a start of `None`, or a `tail` (the match ends
    /// inside a character's folded form), is not at a word boundary.
    /// Boundaries, stems, exceptions, then context conditions (`allow`,
    /// called only for candidates of rules that have some), then the
    /// leftmost-longest choice.
    fn select(
        &self,
        text: &str,
        spans: impl Iterator<Item = (Option<usize>, usize, PatternID, usize)>,
        mut allow: impl FnMut(&Candidate<K>) -> bool,
    ) -> impl Iterator<Item = Candidate<K>> {
        let mut candidates: Vec<Candidate<K>> = Vec::new();
        let mut exceptions: Vec<(usize, usize, K)> = Vec::new();
        for (start, end, pattern, tail) in spans {
            let Some(start) = start.filter(|&s| boundary_before(text, s)) else {
                continue;
            };
            let after = tail == 0 && boundary_after(text, end);
            for &u in &self.uses[pattern.as_usize()] {
                match u {
                    Use::Term { owner, stem: false } if after => {
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
                    Use::Exception { owner } if after => {
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
            // A candidate is dropped when an exception of its rule starts at
            // or before it and ends at or after its end. Sorted by rule and
            // start, each exception carries the largest end of its rule so
            // far: one binary search per candidate, however long the
            // exceptions are (in unfolded text one may span a long run of
            // whitespace).
            exceptions.sort_unstable_by_key(|&(s, _, rule)| (rule, s));
            let mut reach: Option<(K, usize)> = None;
            for x in &mut exceptions {
                let end = match reach {
                    Some((rule, end)) if rule == x.2 => end.max(x.1),
                    _ => x.1,
                };
                reach = Some((x.2, end));
                x.1 = end;
            }
            candidates.retain(|c| {
                let first = exceptions.partition_point(|&(_, _, rule)| rule < c.rule);
                let upto =
                    exceptions.partition_point(|&(s, _, rule)| (rule, s) <= (c.rule, c.start));
                !(upto > first && exceptions[upto - 1].1 >= c.end)
            });
        }
        if !self.contexts.is_empty() {
            // Checked before the longest is chosen, so a candidate that fails
            // its condition does not shadow a shorter one.
            candidates.retain(|c| {
                self.contexts
                    .binary_search_by(|(k, _)| k.cmp(&c.rule))
                    .is_err()
                    || allow(c)
            });
        }
        let mut covered_to = 0;
        candidates.into_iter().filter(move |c| {
            let keep = c.start >= covered_to;
            if keep {
                covered_to = c.end;
            }
            keep
        })
    }
}

/// Below this many bytes a text is scanned as one lane: the lanes'
/// overlaps would cost more than they save.
const MIN_LANES: usize = 1024;

/// Appends every match of `dfa` in `hay`, overlapping ones included, as
/// (end offset, pattern), in no particular order.
///
/// A DFA scan is a chain of dependent table loads, one per byte, so one
/// scan waits on memory for much of its time. A long text is cut into four
/// pieces scanned in lockstep: their chains are independent and the loads
/// overlap (measured on the BBC archive: 1.5x the speed of one lane; two
/// lanes gain half as much). Each lane after the first starts
/// `max_pattern_len - 1` bytes before its piece and keeps only the matches
/// ending inside its piece: a match that ends there starts at most that
/// many bytes before the piece, so the lane reads it whole (its state may
/// differ from a full scan's before then, never in which matches end in
/// the piece), and each match is found by exactly one lane. The lanes are four named
/// variables, not an array, so they live in registers.
fn scan(dfa: &DFA, hay: &[u8], out: &mut Vec<(usize, PatternID)>) {
    let Ok(start) = dfa.start_state(Anchored::No) else {
        return; // unreachable: the DFA is built unanchored
    };
    if hay.len() < MIN_LANES {
        scan_lane(dfa, start, hay, 0, 0, out);
        return;
    }
    let q = hay.len() / 4;
    let warm = dfa.max_pattern_len().saturating_sub(1);
    let f1 = q.saturating_sub(warm);
    let f2 = (2 * q).saturating_sub(warm);
    let f3 = (3 * q).saturating_sub(warm);
    // Lanes 1..3 are at least as long as lane 0 (their warm-up, and the
    // last takes the remainder): the lockstep runs lane 0's length.
    let (h0, h1, h2, h3) = (&hay[..q], &hay[f1..2 * q], &hay[f2..3 * q], &hay[f3..]);
    let (mut s0, mut s1, mut s2, mut s3) = (start, start, start, start);
    let n = h0.len();
    // Slices of one length, so the loop below has no bounds checks.
    let (h1a, h2a, h3a) = (&h1[..n], &h2[..n], &h3[..n]);
    for i in 0..n {
        s0 = dfa.next_state(Anchored::No, s0, h0[i]);
        s1 = dfa.next_state(Anchored::No, s1, h1a[i]);
        s2 = dfa.next_state(Anchored::No, s2, h2a[i]);
        s3 = dfa.next_state(Anchored::No, s3, h3a[i]);
        if dfa.is_special(s0) {
            record(dfa, s0, i + 1, 0, out);
        }
        if dfa.is_special(s1) {
            record(dfa, s1, f1 + i + 1, q, out);
        }
        if dfa.is_special(s2) {
            record(dfa, s2, f2 + i + 1, 2 * q, out);
        }
        if dfa.is_special(s3) {
            record(dfa, s3, f3 + i + 1, 3 * q, out);
        }
    }
    scan_lane(dfa, s1, &h1[n..], f1 + n, q, out);
    scan_lane(dfa, s2, &h2[n..], f2 + n, 2 * q, out);
    scan_lane(dfa, s3, &h3[n..], f3 + n, 3 * q, out);
}

/// One lane of [`scan`]: `hay` starts at offset `base` of the text, and
/// matches ending at or before `keep` are dropped.
fn scan_lane(
    dfa: &DFA,
    start: StateID,
    hay: &[u8],
    base: usize,
    keep: usize,
    out: &mut Vec<(usize, PatternID)>,
) {
    let mut s = start;
    for (i, &b) in hay.iter().enumerate() {
        s = dfa.next_state(Anchored::No, s, b);
        if dfa.is_special(s) {
            record(dfa, s, base + i + 1, keep, out);
        }
    }
}

/// Appends the matches of special state `s`, reached by the byte before
/// `end`, if they end after `keep`.
#[inline(always)]
fn record(dfa: &DFA, s: StateID, end: usize, keep: usize, out: &mut Vec<(usize, PatternID)>) {
    // Special states are the match states and the dead one (unreachable
    // in an unanchored standard DFA).
    if dfa.is_match(s) && end > keep {
        for i in 0..dfa.match_len(s) {
            out.push((end, dfa.match_pattern(s, i)));
        }
    }
}

// The offsets below come from the automaton's matches in `text`. Patterns are
// whole UTF-8 strings, and a UTF-8 string can only occur in UTF-8 text at
// char boundaries, so slicing there cannot fail.

// Word characters as they are after folding, so that boundaries read in
// unfolded text (find_text) fall where they do in folded text (find).

fn boundary_before(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(is_word_char_folded)
}

fn boundary_after(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(is_word_char_folded)
}

/// The end of the word that continues at `at`.
fn word_end(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !is_word_char_folded(c))
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;
    use proptest::prelude::*;

    /// Every (end, pattern) the crate's own overlapping search finds.
    fn reference(patterns: &[String], hay: &[u8]) -> Vec<(usize, usize)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .expect("patterns compile");
        let mut all: Vec<(usize, usize)> = ac
            .find_overlapping_iter(hay)
            .map(|m| (m.end(), m.pattern().as_usize()))
            .collect();
        all.sort_unstable();
        all
    }

    fn lanes(patterns: &[String], hay: &[u8]) -> Vec<(usize, usize)> {
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(patterns)
            .expect("patterns compile");
        let mut raw = Vec::new();
        scan(&dfa, hay, &mut raw);
        let mut all: Vec<(usize, usize)> =
            raw.into_iter().map(|(e, p)| (e, p.as_usize())).collect();
        all.sort_unstable();
        all
    }

    #[test]
    fn a_match_across_every_lane_edge_is_found_once() {
        // Four lanes meet at quarter points of 4,200 bytes; a pattern
        // repeated back to back crosses each edge.
        let patterns = vec!["abcab".to_string(), "ca".to_string(), "b".to_string()];
        let hay = "abc".repeat(1_400);
        let found = lanes(&patterns, hay.as_bytes());
        assert!(found.len() > 2_000);
        assert_eq!(found, reference(&patterns, hay.as_bytes()));
        // A pattern longer than a lane's piece: the warm-up reaches back
        // into the lane before the one before.
        let patterns = vec!["a".repeat(900), "a".to_string()];
        let hay = "a".repeat(3_000);
        assert_eq!(
            lanes(&patterns, hay.as_bytes()),
            reference(&patterns, hay.as_bytes())
        );
    }

    /// `find_text` on `text` and `find` on its folded form, with the terms
    /// (folded as the loader folds them; `*` for a stem) and exceptions.
    fn unfolded_and_folded(
        terms: &[String],
        exceptions: &[String],
        text: &str,
    ) -> (Vec<Match<usize>>, Vec<Match<usize>>) {
        let terms: Vec<(String, usize, bool)> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let stem = t.ends_with('*');
                (
                    crate::normalize::fold_term(t.trim_end_matches('*')),
                    i,
                    stem,
                )
            })
            .filter(|(t, _, _)| !t.is_empty())
            .collect();
        let exceptions: Vec<(String, usize)> = exceptions
            .iter()
            .enumerate()
            .map(|(i, e)| (crate::normalize::fold_term(e), i % terms.len().max(1)))
            .filter(|(e, _)| !e.is_empty())
            .collect();
        let matcher = Matcher::build(
            terms.iter().map(|(t, i, stem)| (t.as_str(), *i, *stem)),
            exceptions.iter().map(|(e, i)| (e.as_str(), *i)),
        )
        .expect("patterns compile");
        assert!(matcher.folding.is_some(), "the folding table builds");
        (matcher.find_text(text), matcher.find(&fold(text)))
    }

    #[test]
    fn unfolded_text_matches_as_folded_text_does() {
        let terms: Vec<String> = ["so-called", "regime", "été", "i", "king*", "of course", "k"]
            .iter()
            .map(|t| t.to_string())
            .collect();
        let exceptions = vec!["of course not".to_string()];
        for text in [
            "The SO—called  regime, so \n\n\t called Regime.",
            "\u{130}stanbul \u{130} i \u{212A}ing KINGDOM kings",
            "ÉTÉ été Été-été, of   course; OF COURSE NOT",
            "`so-called' \u{B}regime\u{B} so\u{A0}called so\u{2011}called",
            "",
            "   ",
        ] {
            let (unfolded, folded) = unfolded_and_folded(&terms, &exceptions, text);
            assert_eq!(unfolded, folded, "{text:?}");
        }
        // Long enough for four lanes, with separator runs and characters
        // that fold to other lengths at every lane edge.
        let text = "So \n\n called \u{130}i \u{212A}ing été—regime ".repeat(200);
        let (unfolded, folded) = unfolded_and_folded(&terms, &exceptions, &text);
        assert!(folded.len() > 600, "{} matches", folded.len());
        assert_eq!(unfolded, folded);
    }

    #[test]
    fn unfolded_text_has_the_word_boundaries_of_folded_text() {
        // U+02BC is a letter that folds to an apostrophe: "dogʼs" holds
        // the word "dog" once folded, as "dog's" does.
        let terms: Vec<String> = ["dog", "king*", "a b"]
            .iter()
            .map(|t| t.to_string())
            .collect();
        for text in ["dog\u{2BC}s", "king\u{2BC}s kingdom", "\u{2BC}dog\u{2BC}"] {
            let (unfolded, folded) = unfolded_and_folded(&terms, &[], text);
            assert!(!folded.is_empty(), "{text:?}");
            assert_eq!(unfolded, folded, "{text:?}");
        }
        // Terms holding every byte from 0 to 8: the byte that stands for
        // bytes in no pattern must not be the tab, which moves as a space.
        let terms = vec![
            "\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}".to_string(),
            "a b".to_string(),
        ];
        let (unfolded, folded) = unfolded_and_folded(&terms, &[], "a%b a b");
        assert_eq!(unfolded, folded);
        assert_eq!(folded.len(), 1);
    }

    #[test]
    fn unfolded_scan_reports_each_raw_match_once() {
        // A pattern ending in a character that is not ASCII: the bytes
        // after its lead byte must not report it again.
        let matcher =
            Matcher::build([("é", 0usize, false), ("té", 1, false)], []).expect("patterns compile");
        for text in ["été", "ÉTÉ été", &"tÉ x ".repeat(400)] {
            assert_eq!(
                matcher.raw_matches_text(text),
                matcher.raw_matches(&fold(text)),
                "{text:?}"
            );
        }
    }

    proptest! {
        // Texts of capitals, separators (runs of them, hyphens, dashes, a
        // no-break space), curly and straight quotes, characters whose
        // lowercase is longer or shorter, on both sides of MIN_LANES.
        #[test]
        fn unfolded_text_matches_as_folded_text_does_on_any_text(
            terms in prop::collection::vec("[abiké][abiké' -]{0,5}\\*?", 1..8),
            exceptions in prop::collection::vec("[abik][abik -]{2,8}", 0..3),
            text in "[aAbBiIkKéÉ\u{130}\u{212A}\u{2019}\u{2BC}`' \n\t\u{B}\u{A0}\u{2014}.,-]{0,1600}",
        ) {
            let (unfolded, folded) = unfolded_and_folded(&terms, &exceptions, &text);
            prop_assert_eq!(unfolded, folded);
        }

        // Texts made of the terms themselves, so matches are many and long.
        #[test]
        fn unfolded_text_matches_terms_built_into_text(
            terms in prop::collection::vec("[abé][abé -]{0,30}", 1..5),
            picks in prop::collection::vec((0usize..5, "[ A\n\u{2014}\u{130}-]{0,3}"), 0..150),
        ) {
            let text: String = picks
                .iter()
                .map(|(i, glue)| format!("{}{glue}", terms[i % terms.len()].to_uppercase()))
                .collect();
            let (unfolded, folded) = unfolded_and_folded(&terms, &[], &text);
            prop_assert_eq!(unfolded, folded);
        }
    }

    proptest! {
        // Small alphabets make many overlapping matches; lengths on both
        // sides of MIN_LANES exercise one lane and four, and patterns
        // longer than a lane's piece its warm-up.
        #[test]
        fn lanes_find_what_the_crate_finds(
            patterns in prop::collection::vec("[abc ]{1,6}|[ab]{200,400}", 1..12),
            hay in "[abc ]{0,3000}",
        ) {
            prop_assert_eq!(lanes(&patterns, hay.as_bytes()), reference(&patterns, hay.as_bytes()));
        }

        // Texts made of the patterns themselves, so long matches do cross
        // the lanes' edges (random text almost never holds one).
        #[test]
        fn lanes_find_long_matches_across_edges(
            patterns in prop::collection::vec("[ab]{1,60}", 1..6),
            picks in prop::collection::vec((0usize..6, "[ab ]{0,3}"), 0..200),
        ) {
            let hay: String = picks
                .iter()
                .map(|(i, glue)| format!("{}{glue}", patterns[i % patterns.len()]))
                .collect();
            prop_assert_eq!(lanes(&patterns, hay.as_bytes()), reference(&patterns, hay.as_bytes()));
        }
    }
}
