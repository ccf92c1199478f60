//! Whose voice each position of an article is in: the writer's
//! ([`Voice::Authorial`]), a source's reported in indirect speech
//! ([`Voice::Reported`]), or a quotation ([`Voice::Quoted`]).
//!
//! Quoted ranges come from [`segment`](crate::segment). Reported speech is
//! found here, sentence by sentence, with word lists and a few words of
//! look-back and look-ahead around each speech or cognition verb:
//!
//! - `X said (that) …`, `X told Y (that) …`, `X believes …`: the complement,
//!   from after the verb (or `that`) to the end of the clause;
//! - `X accused Y of …`: from after `of`; `X called Y …`, `X described Y
//!   as …`: from after the verb;
//! - `…, X said.` and `…, said X.`: the part before the comma;
//! - `according to X`: the sentence but the attribution;
//! - `X's claim (view, belief…) that …`: the `that` clause.
//!
//! The attributing verb stays authorial (the writer chose "claimed" over
//! "said"), and quotation wins over reported speech. It is a heuristic, not
//! a parser: `docs/scoring.md` lists what it gets wrong.
//!
//! Everything is one pass over the sentences, each looked at once, so the
//! cost is linear in the text.

use std::collections::HashMap;

use std::ops::Range;

use crate::normalize::is_word_char;
use crate::segment::{Segments, is_word_byte, mask16};

pub use crate::model::Voice;

/// The voices of one article, computed once by [`voices`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Voices {
    /// Reported speech, sorted and non-overlapping (may overlap quotes,
    /// which win).
    pub reported: Vec<Range<usize>>,
    /// Scare quotes: quoted spans that quote nobody, in the writer's voice
    /// (see [`crate::detectors`]); sorted, and they win over quotation.
    pub scare: Vec<Range<usize>>,
    /// Lines in someone else's first person without quotation marks (a
    /// reader's comment printed under a story: "I loved it!"); sorted, and
    /// read as quoted.
    pub first_person: Vec<Range<usize>>,
}

impl Voices {
    /// The voice at byte offset `at` of the text these voices were computed
    /// from, with the same `segments`. O(log n).
    pub fn voice_at(&self, segments: &Segments, at: usize) -> Voice {
        // A reader's line is the reader's, scare quotes in it too.
        let i = self.first_person.partition_point(|r| r.start <= at);
        if i > 0 && self.first_person[i - 1].contains(&at) {
            return Voice::Quoted;
        }
        if segments.is_quoted(at) {
            let i = self.scare.partition_point(|r| r.start <= at);
            let scare = i > 0 && self.scare[i - 1].contains(&at);
            return if scare {
                Voice::Authorial
            } else {
                Voice::Quoted
            };
        }
        let idx = self.reported.partition_point(|r| r.start <= at);
        if idx > 0 && self.reported[idx - 1].contains(&at) {
            Voice::Reported
        } else {
            Voice::Authorial
        }
    }
}

/// Whether `word` is in [`FIRST_PERSON`], a curly apostrophe read as a
/// straight one; without allocating, as it runs for every word of a line.
fn is_first_person(word: &str) -> bool {
    if word.len() > 9 || !word.starts_with(['i', 'I', 'm', 'M']) {
        return false;
    }
    FIRST_PERSON.iter().any(|f| {
        let mut a = word.chars().map(|c| if c == '\u{2019}' { '\'' } else { c });
        let mut b = f.chars();
        loop {
            match (a.next(), b.next()) {
                (None, None) => return true,
                (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
                _ => return false,
            }
        }
    })
}

/// Whether the "I" at `at` of `line` (which starts at `line_start` in the
/// text) is a Roman numeral: right after a capitalised word that does not
/// open its sentence ("World War I", "Phase I"), not after "Since" or "Then"
/// opening one ("Since I last visited").
fn is_numeral_at(line: &str, segments: &Segments, line_start: usize, at: usize) -> bool {
    let before = line[..at].trim_end_matches(' ');
    if before.len() + 1 != at {
        return false;
    }
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let previous = &before[word_start..];
    previous.chars().next().is_some_and(char::is_uppercase)
        && segments.sentence_at(line_start + word_start).start != line_start + word_start
}

/// Offsets in `line` where a first-person word ([`FIRST_PERSON`]) starts.
/// Every line that holds a hit is read, so the bytes are classified
/// sixteen at a time, without a branch between them, into candidates: an
/// `i` or `m` not after an ASCII word byte and not before a letter other
/// than `e` or `y` ("me", "my"). Few survive; each is then checked whole.
fn first_person_words(line: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = line.as_bytes();
    let byte = |k: usize| bytes.get(k).copied().unwrap_or(b' ');
    let candidate = move |p: u8, c: u8, n: u8| {
        let lower = c | 0x20;
        let next = n | 0x20;
        ((lower == b'i') | (lower == b'm'))
            & !is_word_byte(p)
            & (!(n.is_ascii_alphabetic()) | (next == b'e') | (next == b'y'))
    };
    let mut base = 0;
    let mut bits = 0u32;
    std::iter::from_fn(move || {
        loop {
            if bits != 0 {
                let k = base - 16 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                return Some(k);
            }
            if base >= bytes.len() {
                return None;
            }
            let mut flags = [0u8; 16];
            // The byte before the chunk, its sixteen and the one after.
            let window = base
                .checked_sub(1)
                .and_then(|from| bytes.get(from..base + 17));
            match window.and_then(|w| <&[u8; 18]>::try_from(w).ok()) {
                Some(w) => {
                    for k in 0..16 {
                        flags[k] = u8::from(candidate(w[k], w[k + 1], w[k + 2]));
                    }
                }
                None => {
                    for (k, flag) in flags.iter_mut().enumerate() {
                        let at = base + k;
                        let p = if at == 0 { b' ' } else { byte(at - 1) };
                        *flag = u8::from(at < bytes.len() && candidate(p, byte(at), byte(at + 1)));
                    }
                }
            }
            bits = mask16(flags);
            base += 16;
        }
    })
    .filter(move |&k| {
        // `k` is an ASCII byte, so a char boundary; a word character
        // before it that is not ASCII rules it out here.
        !line[..k].chars().next_back().is_some_and(is_word_char)
            && is_first_person(word_at(line, k))
    })
}

/// The word that starts at `at` of `line`: ASCII letters, with inner
/// apostrophes (straight or curly: "I’m").
fn word_at(line: &str, at: usize) -> &str {
    let bytes = line.as_bytes();
    let mut end = at;
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_alphanumeric()
            || b == b'\'' && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            end += 1;
        } else if bytes[end..].starts_with("\u{2019}".as_bytes())
            && bytes.get(end + 3).is_some_and(u8::is_ascii_alphabetic)
        {
            end += 3;
        } else {
            break;
        }
    }
    &line[at..end]
}

/// Tokens looked ahead for the comma that ends an "according to X" phrase.
const LOOK_AHEAD: usize = 16;

/// Words of the first person singular. News is written in the third
/// person; an "I" outside quotation marks is someone else talking, most
/// often a reader whose comment is printed below the story.
const FIRST_PERSON: &[&str] = &["i", "i'd", "i'll", "i'm", "i've", "me", "my", "myself"];

/// Paragraphs of the body that come before a readers' comment block can
/// start: the headline and two paragraphs. A first person earlier than that
/// is the writer's (a column, an op-ed), not a reader's.
pub const BODY_BEFORE_COMMENTS: usize = 3;

/// Where readers' comments printed under a story begin, if they do: the
/// first line holding one of `positions` (sorted) that speaks in the first
/// person singular outside quotation marks, provided it comes after
/// [`BODY_BEFORE_COMMENTS`] non-empty lines and no earlier such line was
/// found. Comments run to the end of the article, so the returned range
/// does: a comment without an "I" ("Is nothing sacred?") is a reader's too.
/// A line that also attributes speech ("I was there, he said") is someone
/// quoted without marks, not the start of comments: only that line is
/// returned. Each line is read once, and the lines before it are counted
/// once.
pub fn first_person_lines(
    text: &str,
    segments: &Segments,
    positions: &[usize],
) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut last: Option<Range<usize>> = None;
    // Non-empty lines before `counted_to`.
    let (mut lines_before, mut counted_to) = (0usize, 0usize);
    for &at in positions {
        if last.as_ref().is_some_and(|l| l.contains(&at)) {
            continue;
        }
        let at = at.min(bytes.len());
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |i| at + i);
        let line = start..end;
        last = Some(line.clone());
        if counted_to < start {
            // Each newline that ends a non-empty line (the gap starts at a
            // line start), found by a vector search.
            let gap = &bytes[counted_to..start];
            lines_before += memchr::memchr_iter(b'\n', gap)
                .filter(|&k| {
                    // The line's last byte before its `\n` (or `\r\n`).
                    let body_end = if k > 0 && gap[k - 1] == b'\r' {
                        k - 1
                    } else {
                        k
                    };
                    body_end > 0 && gap[body_end - 1] != b'\n'
                })
                .count();
            counted_to = start;
        }
        let Some(body) = text.get(line.clone()) else {
            continue;
        };
        let first_person = first_person_words(body).any(|i| {
            let w = word_at(body, i);
            (!w.eq_ignore_ascii_case("i") || w == "I" && !is_numeral_at(body, segments, start, i))
                && !segments.is_quoted(start + i)
        });
        if !first_person {
            continue;
        }
        // "I was there, he said": someone quoted without marks. (Not "I
        // think": a verb of thought in the first person is the speaker's.)
        let attributed = body.split(|c: char| !is_word_char(c)).any(|w| {
            ["said", "says", "told", "added", "asked"]
                .iter()
                .any(|v| w.eq_ignore_ascii_case(v))
        });
        if attributed {
            out.push(line);
        } else if lines_before >= BODY_BEFORE_COMMENTS {
            out.push(start..text.len());
            return out;
        }
    }
    out
}

/// Finds the reported speech of `text`, whose segments are `segments`.
pub fn voices(text: &str, segments: &Segments) -> Voices {
    voices_in(text, segments, |_| true)
}

/// Finds the reported speech of the sentences that hold one of
/// `positions` (sorted byte offsets, such as the starts of an article's
/// matches). A voice only matters where there is a hit, and most sentences
/// hold none: reading every sentence word by word took most of slant's
/// time. Elsewhere every position reads as authorial or quoted.
pub fn voices_at(text: &str, segments: &Segments, positions: &[usize]) -> Voices {
    let mut next = positions.iter().copied().peekable();
    voices_in(text, segments, |s| {
        while next.next_if(|&p| p < s.start).is_some() {}
        next.peek().is_some_and(|&p| p < s.end)
    })
}

fn voices_in(
    text: &str,
    segments: &Segments,
    mut wanted: impl FnMut(&Range<usize>) -> bool,
) -> Voices {
    let mut reported = Vec::new();
    let mut tokens = Vec::new();
    for s in &segments.sentences {
        if !wanted(s) {
            continue;
        }
        let Some(sentence) = text.get(s.clone()) else {
            continue;
        };
        tokens.clear();
        tokenize(sentence, s.start, &mut tokens);
        // Reported speech opens only at a verb of saying, naming or
        // accusing, a claim noun or "according".
        let triggers = bit::SPEECH_VERBS
            | bit::PARTICIPLES
            | bit::NAMING_VERBS
            | bit::ACCUSE_VERBS
            | bit::CLAIM_NOUNS;
        if !tokens.iter().any(|t| {
            t.mask & triggers != 0 || text[t.start..t.end].eq_ignore_ascii_case("according")
        }) {
            continue;
        }
        Sentence {
            text,
            segments,
            attributed: false,
            tokens: &tokens,
            span: s.clone(),
            out: &mut reported,
        }
        .analyse();
    }
    reported.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(reported.len());
    for r in reported {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    Voices {
        reported: merged,
        scare: Vec::new(),
        first_person: Vec::new(),
    }
}

/// Verbs of speech and thought whose complement is reported.
const SPEECH_VERBS: &[&str] = &[
    "accept",
    "accepted",
    "accepts",
    "acknowledge",
    "acknowledged",
    "acknowledges",
    "add",
    "added",
    "adds",
    "admit",
    "admits",
    "admitted",
    "allege",
    "alleged",
    "alleges",
    "announce",
    "announced",
    "announces",
    "argue",
    "argued",
    "argues",
    "assert",
    "asserted",
    "asserts",
    "assured",
    "believe",
    "believed",
    "believes",
    "claim",
    "claimed",
    "claims",
    "complain",
    "complained",
    "complains",
    "concede",
    "conceded",
    "concedes",
    "confirm",
    "confirmed",
    "confirms",
    "contend",
    "contended",
    "contends",
    "declare",
    "declared",
    "declares",
    "denied",
    "denies",
    "deny",
    "estimate",
    "estimated",
    "estimates",
    "explain",
    "explained",
    "explains",
    "express",
    "expressed",
    "expresses",
    "fear",
    "feared",
    "fears",
    "feel",
    "feels",
    "felt",
    "hope",
    "hoped",
    "hopes",
    "informed",
    "insist",
    "insisted",
    "insists",
    "maintain",
    "maintained",
    "maintains",
    "noted",
    "predict",
    "predicted",
    "predicts",
    "reckon",
    "reckoned",
    "reckons",
    "remind",
    "reminded",
    "reminds",
    "reveal",
    "revealed",
    "reveals",
    "said",
    "say",
    "says",
    "stated",
    "stress",
    "stressed",
    "stresses",
    "suggest",
    "suggested",
    "suggests",
    "suspect",
    "suspected",
    "suspects",
    "tell",
    "tells",
    "testified",
    "think",
    "thinks",
    "thought",
    "told",
    "warn",
    "warned",
    "warns",
    "wrote",
];

/// Speech verbs that often take a plain noun phrase ("announced a plan",
/// "denied the charges"): reported only before a `that` or a clause.
const OBJECT_VERBS: &[&str] = &[
    "accept",
    "accepted",
    "accepts",
    "acknowledge",
    "acknowledged",
    "acknowledges",
    "admit",
    "admits",
    "admitted",
    "announce",
    "announced",
    "announces",
    "confirm",
    "confirmed",
    "confirms",
    "declare",
    "declared",
    "declares",
    "denied",
    "denies",
    "deny",
    "estimate",
    "estimated",
    "estimates",
    "explain",
    "explained",
    "explains",
    "fear",
    "feared",
    "fears",
    "noted",
    "predict",
    "predicted",
    "predicts",
    "reveal",
    "revealed",
    "reveals",
    "stated",
    "stress",
    "stressed",
    "stresses",
    "suspect",
    "suspected",
    "suspects",
];

/// Speech verbs that are often nouns ("the final say", "growing fears"):
/// inside reported speech they are taken as nouns.
const NOUNISH: &[&str] = &[
    "claim",
    "claims",
    "estimate",
    "estimates",
    "fear",
    "fears",
    "hope",
    "hopes",
    "say",
    "thought",
];

/// Participles that attribute after a comma ("…, saying the plan failed");
/// their subject is the main clause's.
const PARTICIPLES: &[&str] = &[
    "acknowledging",
    "adding",
    "admitting",
    "announcing",
    "arguing",
    "asserting",
    "calling",
    "claiming",
    "conceding",
    "declaring",
    "denying",
    "explaining",
    "expressing",
    "insisting",
    "noting",
    "predicting",
    "revealing",
    "saying",
    "stressing",
    "suggesting",
    "telling",
    "warning",
];

/// Speech verbs with an indirect object before the complement ("told
/// reporters the …").
const TELL_VERBS: &[&str] = &[
    "assured", "informed", "remind", "reminded", "reminds", "tell", "tells", "told",
];

/// Naming verbs: "X called Y a …", "described it as …", "accused Y of …".
const NAMING_VERBS: &[&str] = &[
    "branded",
    "brands",
    "call",
    "called",
    "calls",
    "described",
    "describes",
    "dubbed",
    "labeled",
    "labelled",
];
const ACCUSE_VERBS: &[&str] = &["accuse", "accused", "accuses", "accusing"];

/// Nouns whose `that` clause is a source's position ("his claim that …").
const CLAIM_NOUNS: &[&str] = &[
    "allegation",
    "allegations",
    "argument",
    "assertion",
    "belief",
    "claim",
    "claims",
    "contention",
    "insistence",
    "suggestion",
    "view",
];

/// Before a word, these make it a noun ("the claims"), not a verb.
const DETERMINERS: &[&str] = &[
    "a", "an", "her", "his", "its", "my", "our", "that", "the", "their", "these", "this", "those",
    "your",
];

/// A verb after these is not a reporting verb ("to say", "was denied bail").
const NOT_SUBJECT: &[&str] = &["be", "been", "being", "is", "to", "was", "were"];

/// Words between a verb and its complement ("said on Monday that").
// Time words after an attribution ("said on Thursday night"), skipped when
// looking for the reported clause.
const ADVERBIALS: &[&str] = &[
    "afternoon",
    "again",
    "also",
    "earlier",
    "evening",
    "friday",
    "later",
    "monday",
    "morning",
    "night",
    "now",
    "previously",
    "privately",
    "publicly",
    "recently",
    "repeatedly",
    "saturday",
    "sunday",
    "then",
    "thursday",
    "today",
    "tonight",
    "tuesday",
    "wednesday",
    "yesterday",
];
/// "on Monday", "last week", "this month".
const ADVERBIAL_HEADS: &[&str] = &["last", "on", "this"];

/// After a comma these start a new clause in the writer's voice ("…, and
/// the party did not respond").
const CLAUSE_STARTS: &[&str] = &[
    "according",
    "adding",
    "after",
    "although",
    "amid",
    "and",
    "as",
    "before",
    "but",
    "calling",
    "despite",
    "prompting",
    "saying",
    "since",
    "sparking",
    "though",
    "whereas",
    "while",
];

/// Finite auxiliaries: the second after a claim noun's `that` starts the
/// main clause again ("the claim that X was Y *is* false").
const AUXILIARIES: &[&str] = &[
    "am", "are", "can", "could", "had", "has", "have", "is", "may", "might", "must", "should",
    "was", "were", "will", "would",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    /// A punctuation char (quote marks, commas, terminators…).
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    kind: Kind,
    /// For a word, the bits of the per-word lists it is in.
    mask: u16,
}

/// Words (with inner apostrophes and hyphens: "Labour's", "so-called") and
/// punctuation of one sentence, with offsets into the whole text.
fn tokenize(sentence: &str, base: usize, out: &mut Vec<Token>) {
    // Byte by byte, decoding only non-ASCII characters: the iterator of
    // chars with a look-ahead was the hottest part of the voice pass.
    let bytes = sentence.as_bytes();
    let char_at = |i: usize| -> (char, usize) {
        match bytes.get(i) {
            Some(&b) if b < 0x80 => (char::from(b), 1),
            Some(_) => sentence
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .map_or(('\u{FFFD}', 1), |c| (c, c.len_utf8())),
            None => ('\0', 0),
        }
    };
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (c, width) = char_at(i);
        if is_word_char(c) {
            word.get_or_insert(i);
            i += width;
            continue;
        }
        let joins = matches!(c, '\'' | '\u{2019}' | '-')
            && word.is_some()
            && i + width < bytes.len()
            && is_word_char(char_at(i + width).0);
        if joins {
            i += width;
            continue;
        }
        if let Some(w) = word.take() {
            out.push(Token {
                start: base + w,
                end: base + i,
                kind: Kind::Word,
                mask: mask_of(&sentence[w..i]),
            });
        }
        if !c.is_whitespace() {
            out.push(Token {
                start: base + i,
                end: base + i + width,
                kind: Kind::Punct(c),
                mask: 0,
            });
        }
        i += width;
    }
    if let Some(w) = word {
        out.push(Token {
            start: base + w,
            end: base + sentence.len(),
            kind: Kind::Word,
            mask: mask_of(&sentence[w..]),
        });
    }
}

/// Case-insensitive membership in a lowercase list. For the lists checked
/// at every word, [`Token::mask`] answers instead, from one lookup per word.
fn is_in(word: &str, list: &[&str]) -> bool {
    word.len() <= 16 && list.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// The word lists checked at every word, one bit each in [`Token::mask`].
mod bit {
    pub const CLAUSE_STARTS: u16 = 1;
    pub const NAMING_ENDS: u16 = 1 << 1;
    pub const AUXILIARIES: u16 = 1 << 2;
    pub const CLAIM_NOUNS: u16 = 1 << 3;
    pub const DETERMINERS: u16 = 1 << 4;
    pub const SPEECH_VERBS: u16 = 1 << 5;
    pub const PARTICIPLES: u16 = 1 << 6;
    pub const NAMING_VERBS: u16 = 1 << 7;
    pub const ACCUSE_VERBS: u16 = 1 << 8;
    pub const NOUNISH: u16 = 1 << 9;
    pub const PERFECT: u16 = 1 << 10;
}

/// Perfect-tense auxiliaries, which do not make a following verb part of
/// a reported clause the way modals do.
const PERFECT: &[&str] = &["had", "has", "have"];

/// Every word of the per-word lists, lowercased, with its lists' bits.
static LEXICON: std::sync::LazyLock<HashMap<&'static [u8], u16, BuildFnv>> =
    std::sync::LazyLock::new(|| {
        let lists: [(&[&str], u16); 11] = [
            (CLAUSE_STARTS, bit::CLAUSE_STARTS),
            (NAMING_ENDS, bit::NAMING_ENDS),
            (AUXILIARIES, bit::AUXILIARIES),
            (CLAIM_NOUNS, bit::CLAIM_NOUNS),
            (DETERMINERS, bit::DETERMINERS),
            (SPEECH_VERBS, bit::SPEECH_VERBS),
            (PARTICIPLES, bit::PARTICIPLES),
            (NAMING_VERBS, bit::NAMING_VERBS),
            (ACCUSE_VERBS, bit::ACCUSE_VERBS),
            (NOUNISH, bit::NOUNISH),
            (PERFECT, bit::PERFECT),
        ];
        let mut map: HashMap<&'static [u8], u16, BuildFnv> = HashMap::default();
        for (list, b) in lists {
            for w in list {
                *map.entry(w.as_bytes()).or_default() |= b;
            }
        }
        map
    });

/// For each word length up to 16 and first letter (a–z), the last letters
/// (a–z as bits 0–25) of the lexicon's words of that shape: most words are
/// ruled out by this before any hashing.
static SHAPES: std::sync::LazyLock<[[u32; 26]; 17]> = std::sync::LazyLock::new(|| {
    let mut shapes = [[0u32; 26]; 17];
    for w in LEXICON.keys() {
        if let (Some(slot), Some(&first), Some(&last)) =
            (shapes.get_mut(w.len()), w.first(), w.last())
            && first.is_ascii_lowercase()
        {
            // A last byte that is not a letter (an apostrophe) sets every bit.
            slot[usize::from(first - b'a')] |= if last.is_ascii_lowercase() {
                1 << (last - b'a')
            } else {
                u32::MAX
            };
        }
    }
    shapes
});

/// The bits of the lists `word` is in: one hash lookup, ASCII case folded.
fn mask_of(word: &str) -> u16 {
    let bytes = word.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return 0;
    };
    if bytes.len() > 16 {
        return 0;
    }
    let (first, last) = (first.to_ascii_lowercase(), last.to_ascii_lowercase());
    if !first.is_ascii_lowercase() {
        return 0;
    }
    let lasts = SHAPES[bytes.len()][usize::from(first - b'a')];
    let last_bit = if last.is_ascii_lowercase() {
        1 << (last - b'a')
    } else {
        u32::MAX
    };
    if lasts & last_bit == 0 {
        return 0;
    }
    let mut buf = [0u8; 16];
    for (lower, b) in buf.iter_mut().zip(bytes) {
        *lower = b.to_ascii_lowercase();
    }
    LEXICON.get(&buf[..bytes.len()]).copied().unwrap_or(0)
}

/// Whether `word` attributes speech or a name to someone: a verb of saying,
/// naming or accusing ("said", "called", "accused"), or "according". Used
/// to tell a quotation from scare quotes.
pub(crate) fn is_attribution_word(word: &str) -> bool {
    mask_of(word) & (bit::SPEECH_VERBS | bit::PARTICIPLES | bit::NAMING_VERBS | bit::ACCUSE_VERBS)
        != 0
        || word.eq_ignore_ascii_case("according")
}

/// FNV-1a: the keys are short words, for which SipHash's setup dominates.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type BuildFnv = std::hash::BuildHasherDefault<Fnv>;

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}'
    )
}

/// One sentence being analysed.
struct Sentence<'a> {
    text: &'a str,
    segments: &'a Segments,
    /// An attributing verb has been seen in this sentence.
    attributed: bool,
    tokens: &'a [Token],
    span: Range<usize>,
    out: &'a mut Vec<Range<usize>>,
}

/// An open reported span: where it starts, and whether it is a claim
/// noun's clause (which ends at its second auxiliary) or a naming
/// complement (a short phrase: "called it 'an outrage' and left").
struct Open {
    start: usize,
    noun_clause: bool,
    naming: bool,
    /// A naming complement inside a reported clause ("he said the scheme,
    /// which he called a gimmick, would fail"): the clause resumes after it.
    resume: bool,
    auxiliaries: u8,
}

/// Words that end a naming complement ("described it as X and vowed…").
const NAMING_ENDS: &[&str] = &["after", "and", "at", "before", "but", "on", "when", "while"];

impl Sentence<'_> {
    fn word(&self, k: usize) -> Option<&str> {
        let t = self.tokens.get(k)?;
        (t.kind == Kind::Word).then(|| &self.text[t.start..t.end])
    }

    /// Whether token `k` is a word in the lists of `bits`.
    fn has(&self, k: usize, bits: u16) -> bool {
        self.tokens.get(k).is_some_and(|t| t.mask & bits != 0)
    }

    fn punct(&self, k: usize) -> Option<char> {
        match self.tokens.get(k)?.kind {
            Kind::Punct(c) => Some(c),
            Kind::Word => None,
        }
    }

    fn close(&mut self, open: &mut Option<Open>, end: usize) {
        if let Some(o) = open.take()
            && end > o.start
        {
            self.out.push(o.start..end);
        }
    }

    /// Start offset of token `k`, or the sentence end.
    fn start_of(&self, k: usize) -> usize {
        self.tokens.get(k).map_or(self.span.end, |t| t.start)
    }

    fn analyse(mut self) {
        let mut open: Option<Open> = None;
        let n = self.tokens.len();
        let mut k = 0;
        while k < n {
            let t = self.tokens[k];
            if let Kind::Punct(c) = t.kind {
                // A clause in the writer's voice ends the reported one.
                let ends = match c {
                    ';' | '(' | '\u{2014}' => true,
                    ',' if open.as_ref().is_some_and(|o| o.naming) => true,
                    ',' => self.has(k + 1, bit::CLAUSE_STARTS),
                    _ => false,
                };
                if ends {
                    let resume = c == ',' && open.as_ref().is_some_and(|o| o.resume);
                    self.close(&mut open, t.start);
                    if resume {
                        open = Some(Open {
                            start: self.start_of(k + 1),
                            noun_clause: false,
                            naming: false,
                            resume: false,
                            auxiliaries: 0,
                        });
                    }
                }
                k += 1;
                continue;
            }
            let w = &self.text[t.start..t.end];
            // A verb inside a quotation is the speaker's, not an attribution.
            if self.segments.is_quoted(t.start) {
                k += 1;
                continue;
            }
            if open.as_ref().is_some_and(|o| o.naming) && self.has(k, bit::NAMING_ENDS) {
                self.close(&mut open, t.start);
            }
            if let Some(o) = open.as_mut().filter(|o| o.noun_clause)
                && self.has(k, bit::AUXILIARIES)
            {
                o.auxiliaries += 1;
                if o.auxiliaries >= 2 {
                    self.close(&mut open, t.start);
                    k += 1;
                    continue;
                }
            }
            if w.eq_ignore_ascii_case("according") && self.word(k + 1) == Some("to") {
                self.according(k, &mut open);
                k += 2;
                continue;
            }
            if self.has(k, bit::CLAIM_NOUNS)
                && self
                    .word(k + 1)
                    .is_some_and(|n| n.eq_ignore_ascii_case("that"))
                && k > 0
                && self.word(k - 1).is_some_and(|p| {
                    is_in(p, DETERMINERS) || p.ends_with("'s") || p.ends_with("\u{2019}s")
                })
            {
                self.close(&mut open, t.start);
                open = Some(Open {
                    start: self.start_of(k + 2),
                    noun_clause: true,
                    naming: false,
                    resume: false,
                    auxiliaries: 0,
                });
                k += 2;
                continue;
            }
            let speech = self.has(k, bit::SPEECH_VERBS | bit::PARTICIPLES);
            let naming = self.has(k, bit::NAMING_VERBS);
            let accuse = self.has(k, bit::ACCUSE_VERBS);
            // "She said the party would announce its plans": a verb after a
            // modal inside reported speech is part of it.
            let content = open.is_some()
                && k > 0
                && (self.has(k - 1, bit::AUXILIARIES) && !self.has(k - 1, bit::PERFECT)
                    || self.has(k, bit::NOUNISH))
                || k > 0
                    && self
                        .word(k - 1)
                        .is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit()));
            if (speech || naming || accuse) && !content && self.is_verb(k) {
                // The attributing verb is the writer's choice.
                let inside = open.as_ref().is_some_and(|o| !o.naming && !o.noun_clause);
                self.close(&mut open, t.start);
                self.attributed = true;
                if let Some(start) = self.complement(k, naming, accuse) {
                    open = Some(Open {
                        start: self.start_of(start),
                        naming: naming && !accuse,
                        // "accusing them of X has been thrown out": a
                        // gerund phrase ends at the first finite auxiliary.
                        noun_clause: accuse,
                        auxiliaries: u8::from(accuse),
                        resume: naming && inside,
                    });
                }
            }
            k += 1;
        }
        let end = self.span.end;
        self.close(&mut open, end);
    }

    /// Whether the speech-verb word at `k` is used as a verb with a subject
    /// (or after one, inverted: "…, said a spokesman").
    fn is_verb(&self, k: usize) -> bool {
        let Some(prev) = k.checked_sub(1) else {
            return false;
        };
        if self.word(k).is_some_and(|w| is_in(w, PARTICIPLES)) {
            return self.punct(prev) == Some(',');
        }
        let w = self.word(k).unwrap_or_default();
        // "I think", "we believe" outside quotation marks: the writer's own
        // opinion (a column), or a reader's; not a source reported.
        if self
            .word(prev)
            .is_some_and(|p| p == "I" || p.eq_ignore_ascii_case("we"))
        {
            return false;
        }
        // "think tank", "the claims": nouns.
        if self
            .word(k + 1)
            .is_some_and(|n| is_in(n, &["tank", "tanks"]))
        {
            return false;
        }
        match self.word(prev) {
            // Passive: "parents were warned they…", "it is thought that…".
            Some(p) if is_in(p, NOT_SUBJECT) => {
                self.passive(k)
                    && (is_in(w, TELL_VERBS)
                        || self
                            .word(k + 1)
                            .is_some_and(|n| n.eq_ignore_ascii_case("that")))
            }
            Some(p) => !is_in(p, DETERMINERS),
            // Inverted after a comma or a closing quote.
            None => matches!(self.punct(prev), Some(c) if c == ',' || is_quote_mark(c)),
        }
    }

    /// Whether the verb at `k` ends an attribution that follows a quotation
    /// (`“…,” Mr Steele said in a speech Thursday in…`): what comes after
    /// is circumstance, not speech.
    fn after_quote(&self, k: usize) -> bool {
        let Some(comma) = self.comma_before(k) else {
            return false;
        };
        self.punct(comma + 1).is_some_and(is_quote_mark)
            && (comma + 2..k).all(|i| self.word(i).is_some())
    }

    /// Whether the verb at `k` follows a form of "be" (not "to").
    fn passive(&self, k: usize) -> bool {
        k > 0
            && self
                .word(k - 1)
                .is_some_and(|p| is_in(p, NOT_SUBJECT) && !p.eq_ignore_ascii_case("to"))
    }

    /// The token where the complement of the verb at `k` starts, if it has
    /// one; records the part before for an attribution at the end ("…, the
    /// minister said.").
    fn complement(&mut self, k: usize, naming: bool, accuse: bool) -> Option<usize> {
        let verb = self.word(k).unwrap_or_default();
        let participle = is_in(verb, PARTICIPLES);
        // Inverted ("…," said Ms Jones) or final ("…, she said."): the
        // reported part is before the comma.
        let inverted = !participle && k > 0 && self.word(k - 1).is_none() && self.inverted(k, true);
        let tell = is_in(verb, TELL_VERBS);
        let mut j = k + 1;
        j = self.skip_adverbials(j);
        // "…, Ms Hewitt told GMTV's Sunday programme."
        let after_object = self.skip_adverbials(self.skip_object(j));
        if tell && (after_object >= self.tokens.len() || self.punct(after_object) == Some('.')) {
            j = after_object;
        }
        let next = self.punct(j);
        // "…," he wrote in the Times. / "…," said the chairman of the committee.
        let ends = j >= self.tokens.len()
            || matches!(next, Some('.' | '!' | '?' | ','))
            || !participle && !naming && self.comma_before(k).is_some() && self.inverted(k, false)
            || self.after_quote(k)
                && !matches!(next, Some(':'))
                && !self.word(j).is_some_and(|w| w.eq_ignore_ascii_case("that"));
        // "…, saying, “…”": the quotation follows.
        if participle && ends {
            return None;
        }
        if inverted || ends {
            let comma = self.comma_before(k);
            if let Some(comma) = comma {
                // "…," Vincent Koen, an economist, told the BBC: the quote
                // is the reported part, not the subject's apposition.
                let to = (k.saturating_sub(12)..comma)
                    .rev()
                    .find(|&i| self.punct(i).is_some_and(is_quote_mark))
                    .map_or(self.tokens[comma].start, |i| self.tokens[i].end);
                let from = self.span.start;
                if to > from {
                    self.out.push(from..to);
                }
            }
            // Parenthetical: "The window, some believe, could be enough".
            let parenthetical = !inverted
                && comma.is_some()
                && next == Some(',')
                && self.word(j + 1).is_some_and(|w| !is_in(w, CLAUSE_STARTS));
            return parenthetical.then_some(j + 1);
        }
        if accuse {
            // "accused Y of …": within a few words, in the same clause (an
            // object can be long: "Mr Blair and other Cabinet ministers").
            return (j..(j + 10).min(self.tokens.len()))
                .take_while(|&i| self.punct(i).is_none())
                .find(|&i| self.word(i).is_some_and(|w| w.eq_ignore_ascii_case("of")))
                .map(|i| i + 1);
        }
        if naming {
            // "called for", "called on", "called off" are not naming.
            let phrasal = self
                .word(j)
                .is_some_and(|w| is_in(w, &["back", "for", "in", "off", "on", "out", "up"]));
            return (!phrasal).then_some(j);
        }
        // Words up to the next punctuation, a few at most.
        let window = (j..(j + 8).min(self.tokens.len())).take_while(|&i| self.word(i).is_some());
        let that = window
            .clone()
            .take(6)
            .find(|&i| self.word(i).is_some_and(|w| w.eq_ignore_ascii_case("that")));
        if let Some(that) = that.filter(|&t| tell || t == j) {
            return Some(self.skip_adverbials(that + 1));
        }
        if tell {
            // "told BBC Radio 4's Today programme: …"
            let last = window.last().unwrap_or(j);
            if self.punct(last + 1) == Some(':') {
                return Some(last + 2);
            }
            // A passive has no object: "were warned they would…".
            if !self.passive(k) {
                j = self.skip_object(j);
            }
            j = self.skip_adverbials(j);
            if self.word(j).is_some_and(|w| w.eq_ignore_ascii_case("that")) {
                j += 1;
            }
        } else if is_in(verb, OBJECT_VERBS) {
            // "announced a new drive" is a noun phrase, "announced it would
            // cut jobs" a clause: a clause has an auxiliary in a few words.
            let clause = window
                .take(6)
                .any(|i| self.word(i).is_some_and(|w| is_in(w, AUXILIARIES)));
            if !clause {
                return None;
            }
        }
        // "said: …"
        if self.punct(j) == Some(':') {
            j += 1;
        }
        Some(j)
    }

    /// Whether the verb at `k`, after a comma or quote, is inverted with its
    /// subject after it ("…," said Ms Jones, head of…): a few words with no
    /// auxiliary up to a comma or the end. Otherwise the subject came before
    /// ("Theresa May, the minister, said: …").
    /// After a word ("In January, Umbro announced its deal with…, would
    /// end"), only a tail up to the sentence end counts: `comma` is false.
    fn inverted(&self, k: usize, comma: bool) -> bool {
        let mut i = k + 1;
        while i < self.tokens.len() && i <= k + 12 {
            match self.word(i) {
                Some(w) if is_in(w, AUXILIARIES) || w.eq_ignore_ascii_case("that") => {
                    return false;
                }
                Some(_) => i += 1,
                None => {
                    return i > k + 1 && matches!(self.punct(i), Some('.' | '!' | '?'))
                        || comma && i > k + 1 && self.punct(i) == Some(',');
                }
            }
        }
        i > k + 1 && i >= self.tokens.len()
    }

    /// Skips "on Monday", "yesterday", "in a statement" after a verb.
    fn skip_adverbials(&self, mut j: usize) -> usize {
        for _ in 0..4 {
            match self.word(j) {
                Some(w) if is_in(w, ADVERBIALS) => j += 1,
                Some(w) if is_in(w, ADVERBIAL_HEADS) && self.word(j + 1).is_some() => j += 2,
                Some(w)
                    if w.eq_ignore_ascii_case("in")
                        && self.word(j + 1).is_some_and(|d| is_in(d, &["a", "an"]))
                        && self.word(j + 2).is_some() =>
                {
                    j += 3
                }
                _ => break,
            }
        }
        j
    }

    /// Skips an indirect object: "reporters", "the BBC", "Mr Smith", "BBC
    /// Radio 4's Today programme".
    fn skip_object(&self, mut j: usize) -> usize {
        let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        let possessive = |w: &str| w.ends_with("'s") || w.ends_with("\u{2019}s");
        if self.word(j).is_some_and(|w| is_in(w, DETERMINERS)) {
            j += 1;
        }
        if self.word(j).is_some() {
            j += 1;
        }
        // Bounded: an object is a few words.
        for _ in 0..6 {
            let after_possessive = self.word(j - 1).is_some_and(possessive);
            match self.word(j) {
                Some(w) if capital(w) => j += 1,
                // The head noun after a possessive: "GMTV's Sunday programme".
                Some(_) if after_possessive => j += 1,
                Some(_)
                    if self.word(j - 1).is_some_and(capital)
                        && self.word(j.saturating_sub(2)).is_some_and(possessive) =>
                {
                    j += 1
                }
                _ => break,
            }
        }
        j
    }

    /// The comma a few tokens before the verb at `k` that ends the reported
    /// part ("The deal is off, said…", "…, the congressman said").
    fn comma_before(&self, k: usize) -> Option<usize> {
        (k.saturating_sub(12)..k)
            .rev()
            .find(|&i| self.punct(i) == Some(','))
            .filter(|&i| i > 0)
    }

    /// "according to X": the rest of the sentence is reported.
    fn according(&mut self, k: usize, open: &mut Option<Open>) {
        let start = self.tokens[k].start;
        self.close(open, start);
        // Before: from the sentence start to the comma before "according".
        let before = match k.checked_sub(1).and_then(|p| self.punct(p)) {
            Some(',') => self.tokens[k - 1].start,
            _ => start,
        };
        // "“…,” Mr Steele said, according to a video": the verb already
        // attributed what comes before it.
        if before > self.span.start && !self.attributed {
            self.out.push(self.span.start..before);
        }
        // After: from the comma ending the attribution to the sentence end.
        if let Some(comma) =
            // Bounded, like every look-ahead here, so a sentence of many
            // "according to" stays linear.
            (k + 2..self.tokens.len().min(k + 2 + LOOK_AHEAD))
                .find(|&i| matches!(self.punct(i), Some(',' | ':')))
        {
            *open = Some(Open {
                start: self.start_of(comma + 1),
                noun_clause: false,
                naming: false,
                resume: false,
                auxiliaries: 0,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    /// The voice at the first occurrence of `word` in `text`.
    fn voice_of(text: &str, word: &str) -> Voice {
        let s = segment(text);
        let v = voices(text, &s);
        let at = text
            .find(word)
            .unwrap_or_else(|| panic!("{word} in {text}"));
        v.voice_at(&s, at)
    }

    use Voice::{Authorial as A, Quoted as Q, Reported as R};

    /// One case a line: text, word, expected voice.
    #[test]
    fn conventions() {
        let cases = [
            (
                "Mr Howard said Labour was now backtracking.",
                "backtracking",
                R,
            ),
            ("Mr Howard said Labour was now backtracking.", "said", A),
            ("Mr Howard said Labour was now backtracking.", "Howard", A),
            ("The minister said that the scheme would end.", "scheme", R),
            (
                "The minister said on Monday that the scheme would end.",
                "scheme",
                R,
            ),
            (
                "The minister said on Monday the scheme would end.",
                "scheme",
                R,
            ),
            (
                "The minister said on Monday the scheme would end.",
                "Monday",
                A,
            ),
            ("Critics say the reforms go too far.", "reforms", R),
            ("He told reporters the army would stay.", "reporters", A),
            ("He told reporters the army would stay.", "army", R),
            ("He told the BBC that the army would stay.", "BBC", A),
            ("He told the BBC that the army would stay.", "army", R),
            ("Doctors warned that lists could double.", "double", R),
            ("The firm claimed its products were safe.", "claimed", A),
            ("The firm claimed its products were safe.", "safe", R),
            (
                "Unions accused ministers of betraying workers.",
                "betraying",
                R,
            ),
            (
                "Unions accused ministers of betraying workers.",
                "accused",
                A,
            ),
            (
                "Dr Fox accused Mr Blair and other Cabinet ministers of telling lies.",
                "lies",
                R,
            ),
            ("He called the inquiry a witch hunt.", "witch", R),
            ("She called for change.", "change", A),
            ("She called it 'a farce' and left.", "left", A),
            ("She called it a farce, then left.", "left", A),
            (
                "He said the plan, which he called a farce, would fail.",
                "fail",
                R,
            ),
            ("They described the offer as insulting.", "insulting", R),
            ("The plant will close, according to documents.", "plant", R),
            (
                "The plant will close, according to documents.",
                "documents",
                A,
            ),
            ("According to police, the man fled.", "fled", R),
            ("According to police, the man fled.", "police", A),
            (
                "The company's claim that sales had risen was false.",
                "risen",
                R,
            ),
            (
                "The company's claim that sales had risen was false.",
                "false",
                A,
            ),
            ("The deal is off, said a spokesman.", "deal", R),
            ("The deal is off, said a spokesman.", "spokesman", A),
            ("The bill is dead, the senator said.", "dead", R),
            ("He said it was over, and the party left.", "party", A),
            ("He said it was over, and the party left.", "over", R),
            ("The claims were denied.", "were", A),
            ("He was denied bail.", "bail", A),
            ("He refused to say anything.", "anything", A),
            ("He said \"no\" to it.", "no", Q),
            ("Profits rose. The bank said profits rose.", "Profits", A),
            ("The so-called experts agree.", "experts", A),
            ("He will announce his budget on Monday.", "budget", A),
            ("The firm announced it would cut jobs.", "cut", R),
            ("The window, some believe, could be enough.", "enough", R),
            ("The window, some believe, could be enough.", "window", R),
            (
                "Plans should be prominent, the Trade and Industry Secretary has said.",
                "prominent",
                R,
            ),
            ("He left, saying the plan had failed.", "failed", R),
            ("He left, saying the plan had failed.", "left", A),
            (
                "Leave will rise, Ms Hewitt told GMTV's Sunday programme.",
                "programme",
                A,
            ),
            (
                "Leave will rise, Ms Hewitt told GMTV's Sunday programme.",
                "rise",
                R,
            ),
            (
                "The Shadow Secretary, Theresa May, said: we won.",
                "Shadow",
                A,
            ),
            (
                "Mr Frost, director of the BCC, warned that firms could be hit.",
                "director",
                A,
            ),
            (
                "Mr Frost, director of the BCC, warned that firms could be hit.",
                "hit",
                R,
            ),
            (
                "She said the Tories would announce their plans soon.",
                "plans",
                R,
            ),
            (
                "She said the Tories would announce their plans soon.",
                "announce",
                R,
            ),
            (
                "\"I think it is good,\" said Ms Jones, head of a firm.",
                "head",
                A,
            ),
            (
                "She told BBC Radio 4's Today programme: the plan is good.",
                "plan",
                R,
            ),
            (
                "She told BBC Radio 4's Today programme: the plan is good.",
                "Today",
                A,
            ),
        ];
        for (text, word, want) in cases {
            assert_eq!(voice_of(text, word), want, "{word} in {text}");
        }
    }

    #[test]
    fn empty_and_no_sentences() {
        let s = segment("");
        assert_eq!(voices("", &s).voice_at(&s, 0), A);
    }

    #[test]
    fn voice_serializes_lowercase() {
        assert_eq!(
            serde_json::to_string(&Voice::Reported).ok().as_deref(),
            Some("\"reported\"")
        );
    }
}

#[cfg(test)]
mod list_tests {
    use super::*;

    #[test]
    fn word_lists_are_lowercase_sorted_and_short() {
        // `is_in` binary-searches the lists: unsorted or uppercase entries
        // would silently never match.
        let lists: &[(&str, &[&str])] = &[
            ("SPEECH_VERBS", SPEECH_VERBS),
            ("OBJECT_VERBS", OBJECT_VERBS),
            ("NOUNISH", NOUNISH),
            ("PARTICIPLES", PARTICIPLES),
            ("TELL_VERBS", TELL_VERBS),
            ("NAMING_VERBS", NAMING_VERBS),
            ("ACCUSE_VERBS", ACCUSE_VERBS),
            ("CLAIM_NOUNS", CLAIM_NOUNS),
            ("DETERMINERS", DETERMINERS),
            ("NOT_SUBJECT", NOT_SUBJECT),
            ("ADVERBIALS", ADVERBIALS),
            ("ADVERBIAL_HEADS", ADVERBIAL_HEADS),
            ("CLAUSE_STARTS", CLAUSE_STARTS),
            ("AUXILIARIES", AUXILIARIES),
            ("NAMING_ENDS", NAMING_ENDS),
        ];
        for (name, list) in lists {
            for pair in list.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{name}: {:?} before {:?}",
                    pair[0],
                    pair[1]
                );
            }
            for w in *list {
                assert_eq!(*w, w.to_lowercase(), "{name}: {w}");
                assert!(!w.is_empty() && w.len() <= 16, "{name}: {w}");
            }
        }
        assert!(is_in("Said", SPEECH_VERBS) && is_in("SAID", SPEECH_VERBS));
        assert!(!is_in("sad", SPEECH_VERBS));
    }
}

#[cfg(test)]
mod at_tests {
    use super::*;
    use crate::segment::segment;

    #[test]
    fn voices_at_positions_agree_with_voices_everywhere() {
        let text = "The minister said the plan was a disaster. Critics called it a sham. \
                    “It is a farce,” she said. According to officials, the talks failed. \
                    The weather was fine.";
        let segments = segment(text);
        let all = voices(text, &segments);
        let positions: Vec<usize> = text.match_indices(' ').map(|(i, _)| i + 1).collect();
        let some = voices_at(text, &segments, &positions[..positions.len() / 2]);
        for &p in &positions[..positions.len() / 2] {
            assert_eq!(
                some.voice_at(&segments, p),
                all.voice_at(&segments, p),
                "at {p}: {:?}",
                &text[p..]
            );
        }
        // Sentences without a position are not read.
        assert!(voices_at(text, &segments, &[]).reported.is_empty());
        assert!(!all.reported.is_empty());
    }
}

#[cfg(test)]
mod first_person_tests {
    use super::*;
    use crate::segment::segment;

    /// The chunked search agrees with reading every word start, at chunk
    /// edges, after non-ASCII letters and at both ends of a line.
    #[test]
    fn first_person_words_agree_with_every_word_start() {
        let reference = |line: &str| -> Vec<usize> {
            line.char_indices()
                .filter(|&(k, c)| {
                    matches!(c, 'i' | 'I' | 'm' | 'M')
                        && !line[..k].chars().next_back().is_some_and(is_word_char)
                        && is_first_person(word_at(line, k))
                })
                .map(|(k, _)| k)
                .collect()
        };
        let pieces = [
            "I",
            "i",
            "I'm",
            "I’ve",
            "me",
            "Me.",
            "my",
            "myself",
            "mine",
            "it",
            "in",
            "Imam",
            "émy",
            "ümy",
            "_my",
            "9i",
            "-i-",
            "mid",
            "(me)",
            "i'",
            "me—",
            "\u{2019}me",
        ];
        let mut lines = Vec::new();
        for (a, first) in pieces.iter().enumerate() {
            for pad in [0, 1, 13, 14, 15, 16, 17, 31, 32, 33] {
                let second = pieces[(a * 7 + pad) % pieces.len()];
                lines.push(format!(
                    "{}{first} x {second}",
                    "a ".repeat(pad / 2) + &"b".repeat(pad % 2)
                ));
                lines.push(format!("{first}{}{second}", " ".repeat(pad)));
            }
        }
        for line in &lines {
            assert_eq!(
                first_person_words(line).collect::<Vec<_>>(),
                reference(line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn first_person_lines_and_numerals() {
        let cases = [
            ("I loved it!", true),
            ("Frankly, I think so.", true),
            ("Since I last visited, things changed.", true),
            ("It was my idea.", true),
            ("World War I was a landmark.", false),
            ("He said: \"I loved it.\"", false),
            ("The council agreed.", false),
            // Review finding: a first-person word after a non-ASCII mark.
            ("Great piece—I hate this regime.", true),
        ];
        for (text, expected) in cases {
            // After a headline and two paragraphs, as readers' comments are.
            let text = format!("Title\n\nOne.\n\nTwo.\n\n{text}");
            let segments = segment(&text);
            let at = text.rfind('\n').unwrap_or(0) + 1;
            let found = !first_person_lines(&text, &segments, &[at]).is_empty();
            assert_eq!(found, expected, "{text}");
        }
        // The same with Windows line ends.
        let crlf = "Title\r\n\r\nOne.\r\n\r\nTwo.\r\n\r\nI loved it!";
        let segments = segment(crlf);
        assert!(!first_person_lines(crlf, &segments, &[crlf.len() - 3]).is_empty());
        // A first person in the first paragraphs is the writer's (a column).
        let column = "Title\n\nI think it is a landmark.";
        let segments = segment(column);
        assert!(first_person_lines(column, &segments, &[column.len() - 3]).is_empty());
    }
}
