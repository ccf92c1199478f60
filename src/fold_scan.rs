//! The matcher's automaton run over *unfolded* text: the folding of
//! [`crate::normalize`] is built into its transition table, so an article
//! is searched without first being copied into folded form (issue #18:
//! the fold was a whole pass and a copy of every article).
//!
//! The table holds the automaton's own states, re-numbered, with columns
//! for the original bytes:
//!
//! - an ASCII capital moves as its lowercase letter, a backtick as an
//!   apostrophe, and every separator byte (whitespace, a hyphen) as a
//!   space; a state that a space leads to stays where it is on a further
//!   separator, so a run of them moves the automaton once, as the one space
//!   it folds to;
//! - a UTF-8 continuation byte leaves the state as it is, and a lead byte
//!   leads to a sentinel: its character is folded on its own and fed to the
//!   automaton byte by byte ([`FoldingDfa::slow`]), after which the
//!   continuation bytes pass without effect.
//!
//! A match is reported at the end of its last character in the original
//! text, with the number of folded bytes of that character left after it
//! (only a character whose lowercase is longer, "İ", has any); [`start_of`]
//! walks back from there to where it starts.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, PatternID};

use crate::normalize::{fold_char, is_fold_separator};

/// A match of the automaton in unfolded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawMatch {
    /// End of the match's last character in the original text.
    pub end: usize,
    pub pattern: PatternID,
    /// Folded bytes of that last character after the match's end: 0 unless
    /// the match ends inside a character's folded form.
    pub tail: usize,
}

/// The automaton's transition table over original bytes.
#[derive(Debug, Clone)]
pub(crate) struct FoldingDfa {
    /// `trans[state + class]` is the next state; states are premultiplied
    /// by `stride`.
    trans: Vec<u32>,
    /// The class of each original byte.
    classes: [u8; 256],
    stride: u32,
    /// States up to this one are special: 0 is the sentinel of a
    /// character to fold on its own, then come the match states.
    max_special: u32,
    start: u32,
    /// The class of separator bytes.
    space: u32,
    /// Patterns of each match state, by state index (`state / stride`).
    matches: Vec<Vec<PatternID>>,
    /// The automaton's state of each state index.
    crate_state: Vec<StateID>,
    /// Our (premultiplied) state of each automaton state, sorted by the
    /// automaton's id: one entry per state (indexing by id would take a
    /// slot per transition of the automaton's table).
    ours: Vec<(StateID, u32)>,
    /// Folded bytes a lane reads before its piece of the text.
    warm: usize,
}

/// What an ASCII byte moves the automaton as.
fn translate(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b | 0x20,
        b' ' | b'\t' | b'\n' | 0x0C | b'\r' | b'-' => b' ',
        b'`' => b'\'',
        _ => b,
    }
}

/// Below this many bytes a text is scanned as one lane (see
/// [`FoldingDfa::scan`]).
const MIN_LANES: usize = 1024;

impl FoldingDfa {
    /// The table of `dfa`, built (unanchored, standard match semantics)
    /// from `patterns`, or `None` if the folding cannot be built in: a
    /// pattern starts with a space, or the start state matches.
    pub(crate) fn new<P: AsRef<[u8]>>(dfa: &DFA, patterns: &[P]) -> Option<FoldingDfa> {
        let start = dfa.start_state(Anchored::No).ok()?;
        // A byte in no pattern leads every state to the start, so one such
        // byte stands for all of them (this keeps building cheap: the
        // default packs have thousands of states).
        let mut in_pattern = [false; 256];
        for p in patterns {
            for &b in p.as_ref() {
                in_pattern[usize::from(b)] = true;
            }
        }
        // It must move as itself: an ASCII byte that folds to itself.
        let other = (0..0x80u8).find(|&b| !in_pattern[usize::from(b)] && translate(b) == b)?;
        let bytes: Vec<u8> = (0..=255u8)
            .filter(|&b| in_pattern[usize::from(b)] || b == other)
            .collect();
        if dfa.is_match(start) {
            return None;
        }
        // Every reachable state, breadth first; `found` maps an automaton
        // state id to its position in `order`.
        let mut order = vec![start];
        let mut found: Vec<u32> = Vec::new();
        let mark = |found: &mut Vec<u32>, sid: StateID, at: usize| -> bool {
            let k = sid.as_usize();
            if found.len() <= k {
                found.resize(k + 1, u32::MAX);
            }
            let new = found[k] == u32::MAX;
            if new {
                found[k] = u32::try_from(at).unwrap_or(u32::MAX);
            }
            new
        };
        mark(&mut found, start, 0);
        let mut next = 0;
        while let Some(&s) = order.get(next) {
            next += 1;
            for &b in &bytes {
                let n = dfa.next_state(Anchored::No, s, b);
                if dfa.is_dead(n) {
                    return None;
                }
                if mark(&mut found, n, order.len()) {
                    order.push(n);
                }
            }
        }
        // Rows: 0 the sentinel, then the match states, then the others.
        let mut row_of = vec![0usize; order.len()];
        let mut rows = 1;
        for pass_matches in [true, false] {
            for (k, &s) in order.iter().enumerate() {
                if dfa.is_match(s) == pass_matches {
                    row_of[k] = rows;
                    rows += 1;
                }
            }
        }
        let n_match = order.iter().filter(|&&s| dfa.is_match(s)).count();
        // Every state the table reads is one the search above reached (a
        // state it did not would be a bug: then the text is folded first).
        let row = |sid: StateID| -> Option<usize> {
            let k = *found.get(sid.as_usize())?;
            row_of.get(usize::try_from(k).ok()?).copied()
        };
        let root = row(start)?;
        if row(dfa.next_state(Anchored::No, start, b' '))? != root {
            return None;
        }
        let mut crate_state = vec![start; rows];
        for (k, &s) in order.iter().enumerate() {
            crate_state[row_of[k]] = s;
        }
        // States a space leads to (the start aside): a second separator
        // leaves them where they are.
        let mut after_space = vec![false; rows];
        for &s in &order {
            let t = row(dfa.next_state(Anchored::No, s, b' '))?;
            after_space[t] = t != root;
        }
        // Each byte's column; bytes with the same column share a class.
        // Bytes that move as the same byte share one, computed once.
        let column = |b: u8| -> Option<Vec<u32>> {
            let t = match b {
                0x80..=0xFF => b,
                _ if in_pattern[usize::from(translate(b))] => translate(b),
                _ => other,
            };
            (0..rows)
                .map(|r| {
                    let to = match t {
                        _ if r == 0 => 0,
                        0xC0..=0xFF => 0,
                        0x80..=0xBF => r,
                        b' ' if after_space[r] => r,
                        _ => row(dfa.next_state(Anchored::No, crate_state[r], t))?,
                    };
                    u32::try_from(to).ok()
                })
                .collect()
        };
        let mut columns: Vec<Vec<u32>> = Vec::new();
        let mut class_of: std::collections::HashMap<u8, u8> = std::collections::HashMap::new();
        let mut classes = [0u8; 256];
        for b in 0..=255u8 {
            // The byte each one moves as, and the two ranges of UTF-8's
            // continuation and lead bytes, decide its column.
            let key = match b {
                0x80..=0xBF => 0x80,
                0xC0..=0xFF => 0xC0,
                _ if in_pattern[usize::from(translate(b))] => translate(b),
                _ => other,
            };
            let class = match class_of.get(&key) {
                Some(&c) => c,
                None => {
                    let col = column(key)?;
                    let c = match columns.iter().position(|c| *c == col) {
                        Some(k) => k,
                        None => {
                            columns.push(col);
                            columns.len() - 1
                        }
                    };
                    let c = u8::try_from(c).ok()?;
                    class_of.insert(key, c);
                    c
                }
            };
            classes[usize::from(b)] = class;
        }
        let stride = columns.len();
        let stride32 = u32::try_from(stride).ok()?;
        u32::try_from(rows.checked_mul(stride)?).ok()?;
        let mut trans = vec![0u32; rows * stride];
        for (c, col) in columns.iter().enumerate() {
            for (r, &to) in col.iter().enumerate() {
                trans[r * stride + c] = to * stride32;
            }
        }
        let matches = crate_state
            .iter()
            .enumerate()
            .map(|(r, &s)| {
                if r == 0 || !dfa.is_match(s) {
                    return Vec::new();
                }
                (0..dfa.match_len(s))
                    .map(|i| dfa.match_pattern(s, i))
                    .collect()
            })
            .collect();
        let mut ours: Vec<(StateID, u32)> = order
            .iter()
            .zip(&row_of)
            .map(|(&s, &r)| Some((s, u32::try_from(r * stride).ok()?)))
            .collect::<Option<_>>()?;
        ours.sort_unstable_by_key(|&(s, _)| s);
        Some(FoldingDfa {
            trans,
            classes,
            stride: stride32,
            max_special: u32::try_from(n_match * stride).ok()?,
            start: u32::try_from(root * stride).ok()?,
            space: u32::from(classes[usize::from(b' ')]),
            matches,
            crate_state,
            ours,
            warm: dfa.max_pattern_len().saturating_sub(1),
        })
    }

    /// Appends every match of the automaton in `text` read as folded,
    /// overlapping ones included, in no particular order.
    ///
    /// A long text is cut into four pieces scanned in lockstep, as the
    /// folded text was (see the matcher): their chains of table loads are
    /// independent, so the loads overlap. Each piece starts at a character
    /// boundary; each lane after the first starts early enough to have read
    /// `max_pattern_len - 1` folded bytes before its piece ([`warm_start`]),
    /// and keeps only the matches ending in its piece.
    pub(crate) fn scan(&self, dfa: &DFA, text: &str, out: &mut Vec<RawMatch>) {
        let hay = text.as_bytes();
        if hay.len() < MIN_LANES {
            self.lane(dfa, text, self.start, 0, hay.len(), 0, out);
            return;
        }
        let piece = |k: usize| floor_char_boundary(text, k * hay.len() / 4);
        let (p1, p2, p3) = (piece(1), piece(2), piece(3));
        let f1 = warm_start(text, p1, self.warm);
        let f2 = warm_start(text, p2, self.warm);
        let f3 = warm_start(text, p3, self.warm);
        // Lockstep for as long as the shortest lane.
        let n = p1.min(p2 - f1).min(p3 - f2).min(hay.len() - f3);
        let (mut s0, mut s1, mut s2, mut s3) = (self.start, self.start, self.start, self.start);
        let (h0, h1, h2, h3) = (
            &hay[..n],
            &hay[f1..f1 + n],
            &hay[f2..f2 + n],
            &hay[f3..f3 + n],
        );
        // Where each lane's bytes start and which matches it keeps: read
        // only on the rare special states, so kept out of registers.
        let from = [0, f1, f2, f3];
        let keep = [0, p1, p2, p3];
        for i in 0..n {
            let n0 = self.next(s0, h0[i]);
            let n1 = self.next(s1, h1[i]);
            let n2 = self.next(s2, h2[i]);
            let n3 = self.next(s3, h3[i]);
            s0 = if n0 <= self.max_special {
                self.special(dfa, text, n0, s0, from[0] + i, keep[0], out)
            } else {
                n0
            };
            s1 = if n1 <= self.max_special {
                self.special(dfa, text, n1, s1, from[1] + i, keep[1], out)
            } else {
                n1
            };
            s2 = if n2 <= self.max_special {
                self.special(dfa, text, n2, s2, from[2] + i, keep[2], out)
            } else {
                n2
            };
            s3 = if n3 <= self.max_special {
                self.special(dfa, text, n3, s3, from[3] + i, keep[3], out)
            } else {
                n3
            };
        }
        self.lane(dfa, text, s0, n, p1, 0, out);
        self.lane(dfa, text, s1, f1 + n, p2, p1, out);
        self.lane(dfa, text, s2, f2 + n, p3, p2, out);
        self.lane(dfa, text, s3, f3 + n, hay.len(), p3, out);
    }

    #[inline(always)]
    fn next(&self, s: u32, b: u8) -> u32 {
        self.trans[(s + u32::from(self.classes[usize::from(b)])) as usize]
    }

    /// Scans `text[from..to]` from state `s`; matches ending at or before
    /// `keep` are dropped. A character that starts before `to` is read
    /// whole.
    #[allow(clippy::too_many_arguments)]
    fn lane(
        &self,
        dfa: &DFA,
        text: &str,
        mut s: u32,
        from: usize,
        to: usize,
        keep: usize,
        out: &mut Vec<RawMatch>,
    ) {
        for (at, &b) in text.as_bytes()[from..to].iter().enumerate() {
            let at = from + at;
            let n = self.next(s, b);
            s = if n <= self.max_special {
                self.special(dfa, text, n, s, at, keep, out)
            } else {
                n
            };
        }
    }

    /// State `n`, special, reached from `s` by the byte at `at`: records
    /// a match state's matches, or feeds the character starting at `at`
    /// (the sentinel) folded. Returns the state to go on from.
    #[allow(clippy::too_many_arguments)]
    #[cold]
    #[inline(never)]
    fn special(
        &self,
        dfa: &DFA,
        text: &str,
        n: u32,
        s: u32,
        at: usize,
        keep: usize,
        out: &mut Vec<RawMatch>,
    ) -> u32 {
        if n == 0 {
            return self.slow(dfa, text, s, at, keep, out);
        }
        // A continuation byte leaves the state as it is: a match state
        // reached by its character's folded form, whose matches the slow
        // path recorded.
        if !text.is_char_boundary(at) {
            return n;
        }
        if at + 1 > keep {
            let row = (n / self.stride) as usize;
            out.extend(self.matches[row].iter().map(|&pattern| RawMatch {
                end: at + 1,
                pattern,
                tail: 0,
            }));
        }
        n
    }

    /// Feeds the character at `at` (not ASCII) folded, from state `s`.
    #[inline(never)]
    fn slow(
        &self,
        dfa: &DFA,
        text: &str,
        s: u32,
        at: usize,
        keep: usize,
        out: &mut Vec<RawMatch>,
    ) -> u32 {
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            return s;
        };
        let end = at + c.len_utf8();
        if is_fold_separator(c) {
            // Patterns never end with a space: no match here.
            return self.trans[(s + self.space) as usize];
        }
        let mut buf = [0u8; 16];
        let folded = fold_char(c, &mut buf);
        let mut state = self.crate_state[(s / self.stride) as usize];
        for (k, &b) in folded.iter().enumerate() {
            state = dfa.next_state(Anchored::No, state, b);
            if dfa.is_match(state) && end > keep {
                for i in 0..dfa.match_len(state) {
                    out.push(RawMatch {
                        end,
                        pattern: dfa.match_pattern(state, i),
                        tail: folded.len() - k - 1,
                    });
                }
            }
        }
        match self.ours.binary_search_by_key(&state, |&(s, _)| s) {
            Ok(i) => self.ours[i].1,
            Err(_) => self.start, // unreachable: every state was found
        }
    }
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The character of `text` that ends at `at`, if any.
fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|before| before.chars().next_back())
}

/// Where a lane must start to have read `warm` folded bytes before `at`
/// (a char boundary): back over characters, a separator run counting as
/// its one space.
fn warm_start(text: &str, mut at: usize, warm: usize) -> usize {
    let bytes = text.as_bytes();
    let mut read = 0;
    while read < warm {
        // ASCII that folds one for one, byte by byte.
        if let Some(&b) = at.checked_sub(1).and_then(|k| bytes.get(k))
            && b < 0x80
            && translate(b) != b' '
        {
            at -= 1;
            read += 1;
            continue;
        }
        let Some(c) = char_before(text, at) else {
            break;
        };
        at -= c.len_utf8();
        read += if is_fold_separator(c) {
            // A run counts once, and may count less than its bytes.
            while let Some(p) = char_before(text, at).filter(|&p| is_fold_separator(p)) {
                at -= p.len_utf8();
            }
            1
        } else {
            folded_len(c)
        };
    }
    at
}

/// How many bytes `c` (not a separator) folds to.
fn folded_len(c: char) -> usize {
    if c.is_ascii() {
        return 1;
    }
    let mut buf = [0u8; 16];
    fold_char(c, &mut buf).len()
}

/// The last separator run [`start_of`] walked back over: a long run inside
/// many matches is walked once, not once per match.
#[derive(Debug, Default)]
pub(crate) struct RunCache {
    end: usize,
    start: usize,
}

/// Where a match that ends at `end` of `text` and is `len` folded bytes
/// long (the tail of its last character included) starts, or `None` if it
/// starts inside a character's folded form.
pub(crate) fn start_of(text: &str, end: usize, len: usize, runs: &mut RunCache) -> Option<usize> {
    // Most matches are ASCII that folds one byte for one: no separator but
    // single spaces (a match neither starts nor ends with one).
    if let Some(window) = end
        .checked_sub(len)
        .and_then(|s| text.as_bytes().get(s..end))
    {
        let plain = window
            .iter()
            .all(|&b| b < 0x80 && (b == b' ' || translate(b) != b' '))
            && !window.windows(2).any(|w| w == b"  ");
        if plain {
            return Some(end - len);
        }
    }
    let mut at = end;
    let mut need = len;
    while need > 0 {
        let c = char_before(text, at)?;
        if is_fold_separator(c) {
            if runs.end == at && runs.start < at {
                at = runs.start;
            } else {
                let run_end = at;
                at -= c.len_utf8();
                while let Some(p) = char_before(text, at).filter(|&p| is_fold_separator(p)) {
                    at -= p.len_utf8();
                }
                *runs = RunCache {
                    end: run_end,
                    start: at,
                };
            }
            need -= 1;
        } else {
            let folded = folded_len(c);
            if folded > need {
                return None;
            }
            need -= folded;
            at -= c.len_utf8();
        }
    }
    Some(at)
}
