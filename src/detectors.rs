//! Built-in framing patterns that word lists cannot express. A rule names
//! one with `detector:` and gives it a weight and a message; the engine
//! runs it over the article's segments once.
//!
//! - **Scare quotes** (`scare-quotes`): a quoted span of one to three words
//!   that quotes nobody: no verb of saying, naming, accusing or passing a
//!   verdict and no "according" in its sentence or the one before, no colon
//!   right before it, not capitalised outside the headline (a title, a name,
//!   a quoted mention), not an echo of words a real quotation in the article
//!   says, and holding a status word (`STATUS_WORDS`: "reforms", "experts",
//!   "peaceful"…) or a rule's term ("cover-up"): 'The "reforms" will cost
//!   jobs'; 'a massive political "cover-up"'. The words inside are then the
//!   writer's, so they count as authorial.
//! - **Authorial questions** (`authorial-question`): a sentence in the
//!   writer's own voice that ends with a question mark, which invites doubt
//!   without stating it ("Is this the end of the alliance?").
//!
//! Both look at each quote or sentence once, with a bounded look at its
//! words, so the cost is linear in the text. `docs/scoring.md` lists what
//! they get wrong.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::normalize::is_word_char;
use crate::segment::Segments;
use crate::voice::is_attribution_word;

/// Most words a scare quote holds.
pub const MAX_SCARE_WORDS: usize = 3;

/// Longer quoted spans are never scare quotes (and are not read).
const MAX_SCARE_BYTES: usize = 60;

/// The scare quotes of `text`: quoted ranges (quote marks included) that
/// quote nobody. `headline_end` is where the first non-empty line ends:
/// titles of works are told apart by their capitals only after it, since a
/// headline capitalises every word.
pub fn scare_quotes(
    text: &str,
    segments: &Segments,
    headline_end: usize,
    has_term: &dyn Fn(Range<usize>) -> bool,
) -> Vec<Range<usize>> {
    // Whether a sentence attributes speech, read only for sentences near a
    // quotation and at most once each: reading every sentence's words was
    // a full pass over the text.
    let mut attributed: HashMap<usize, bool> = HashMap::new();
    let mut attributed_near = |at: usize| {
        // This sentence or the one before: a source named just before a
        // partial quotation is still its speaker.
        let i = segments.sentences.partition_point(|s| s.start <= at);
        let this = i.checked_sub(1);
        let before = this.and_then(|t| t.checked_sub(1));
        [this, before].into_iter().flatten().any(|k| {
            *attributed.entry(k).or_insert_with(|| {
                segments
                    .sentences
                    .get(k)
                    .and_then(|s| text.get(s.clone()))
                    .is_some_and(|t| {
                        t.split(|c: char| !is_word_char(c))
                            .any(|w| is_attribution_word(w) || is_verdict_verb(w))
                    })
            })
        })
    };
    // Candidates first, from short quotes alone; most articles have none,
    // and then no other quotation is read.
    let mut candidates: Vec<(Range<usize>, Vec<String>)> = Vec::new();
    for q in &segments.quoted {
        if q.len() > MAX_SCARE_BYTES {
            continue;
        }
        let Some(quoted) = text.get(q.clone()) else {
            continue;
        };
        if quoted.starts_with('>') {
            continue;
        }
        let words = words_of(quoted);
        if words.is_empty() || words.len() > MAX_SCARE_WORDS {
            continue;
        }
        // A title, a name or a quoted mention ("Stay tuned") starts with a
        // capital outside the headline.
        let capitalised = quoted
            .chars()
            .find(|c| is_word_char(*c))
            .is_some_and(char::is_uppercase);
        if q.start >= headline_end && capitalised
            || !(words.iter().any(|w| is_status_word(w)) || has_term(q.clone()))
            || colon_before(text, q.start)
            || attributed_near(q.start)
        {
            continue;
        }
        candidates.push((q.clone(), words));
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    // Words that a real quotation puts in someone's mouth: a short quote of
    // them elsewhere (a headline's 'greatest gadget') echoes that
    // quotation; it is not scare quotes.
    // Each other quotation's one- to three-word windows are looked up once
    // in the candidates' phrases, so the cost stays linear in the quotes.
    let is_candidate: HashSet<Range<usize>> = candidates.iter().map(|(q, _)| q.clone()).collect();
    let phrases: HashSet<&[String]> = candidates.iter().map(|(_, p)| p.as_slice()).collect();
    let mut echoes: HashSet<Vec<String>> = HashSet::new();
    for q in &segments.quoted {
        if is_candidate.contains(q) {
            continue;
        }
        let Some(quoted) = text.get(q.clone()) else {
            continue;
        };
        let words = words_of(quoted);
        for n in 1..=MAX_SCARE_WORDS {
            for window in words.windows(n) {
                if phrases.contains(window) {
                    echoes.insert(window.to_vec());
                }
            }
        }
    }
    candidates
        .into_iter()
        .filter(|(_, phrase)| !echoes.contains(phrase))
        .map(|(q, _)| q)
        .collect()
}

/// The words of a quoted span, lowercased.
fn words_of(quoted: &str) -> Vec<String> {
    quoted
        .split(|c: char| !is_word_char(c) && c != '\'' && c != '\u{2019}' && c != '-')
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '\u{2019}' || c == '-'))
        .filter(|w| w.chars().any(is_word_char))
        .map(str::to_lowercase)
        .collect()
}

/// Words that name a status a party claims for itself or its cause, the
/// words writers put in scare quotes to deny that status ('the "reforms"',
/// 'a "peaceful" protest', '"experts"'). Quoted jargon and coinages ("super
/// 3G", a "ghost" car in a racing game) are not in it: putting a new term
/// in quotes is ordinary style, not framing. Written for slant; sorted.
const STATUS_WORDS: &[&str] = &[
    "aid",
    "apology",
    "asylum",
    "ceasefire",
    "charity",
    "compromise",
    "concern",
    "concerns",
    "consensus",
    "democracy",
    "democratic",
    "diversity",
    "election",
    "equality",
    "evidence",
    "expert",
    "experts",
    "fact",
    "facts",
    "fair",
    "fairness",
    "free",
    "freedom",
    "genocide",
    "hate",
    "humanitarian",
    "independent",
    "investigation",
    "journalism",
    "journalist",
    "journalists",
    "justice",
    "legal",
    "legitimate",
    "liberation",
    "mistake",
    "moderate",
    "moderates",
    "neutral",
    "news",
    "peace",
    "peaceful",
    "progress",
    "progressive",
    "protest",
    "protesters",
    "racism",
    "racist",
    "reform",
    "reforms",
    "refugee",
    "refugees",
    "resistance",
    "rights",
    "safe",
    "science",
    "scientific",
    "security",
    "settled",
    "study",
    "tolerance",
    "transparency",
    "truth",
    "victim",
    "victims",
    "whistleblower",
];

/// Verbs that report someone's verdict, after which a short quotation is
/// that someone's word ('attacked "false" magazines', 'denounced the war
/// as a "terrible" waste'): the voice module's verbs of saying do not
/// cover them.
const VERDICT_VERBS: &[&str] = &[
    "attack",
    "attacked",
    "attacking",
    "attacks",
    "blast",
    "blasted",
    "blasts",
    "brand",
    "branded",
    "brands",
    "condemn",
    "condemned",
    "condemns",
    "criticise",
    "criticised",
    "criticises",
    "criticize",
    "criticized",
    "criticizes",
    "decried",
    "decries",
    "denounce",
    "denounced",
    "denounces",
    "describe",
    "described",
    "describes",
    "dub",
    "dubbed",
    "hail",
    "hailed",
    "hails",
    "label",
    "labelled",
    "labels",
    "praise",
    "praised",
    "praises",
    "quit",
    "quits",
    "slam",
    "slammed",
    "slams",
];

fn is_verdict_verb(word: &str) -> bool {
    VERDICT_VERBS
        .binary_search_by(|v| v.as_bytes().cmp(word.to_ascii_lowercase().as_bytes()))
        .is_ok()
}

fn is_status_word(word: &str) -> bool {
    STATUS_WORDS.binary_search(&word).is_ok()
}

/// Whether a colon (and spaces) stand right before `at`: 'He said: "No"'.
fn colon_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .map(str::trim_end)
        .is_some_and(|t| t.ends_with(':'))
}

/// The question marks that end sentences in the writer's voice: each one
/// byte, as the hit's span.
pub fn authorial_questions(text: &str, segments: &Segments) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for s in &segments.sentences {
        let Some(sentence) = text.get(s.clone()) else {
            continue;
        };
        // Only the last character is looked at: a sentence that ends with a
        // closing quote is a quoted question.
        let body = sentence.trim_end();
        if body.ends_with('?') && opens_a_question(body) {
            let at = s.start + body.len() - 1;
            if !segments.is_quoted(at) {
                out.push(at..at + 1);
            }
        }
    }
    out
}

/// Words that open a question. A sentence that ends with `?` but opens
/// otherwise ends with a title ("a hit with Where is the Love?") or quotes
/// one; it does not ask the reader anything.
const QUESTION_OPENERS: &[&str] = &[
    "am", "are", "can", "could", "did", "do", "does", "has", "have", "how", "is", "isn't", "may",
    "might", "must", "shall", "should", "was", "wasn't", "were", "what", "when", "where", "which",
    "who", "whom", "whose", "why", "will", "won't", "would",
];

/// Whether `sentence` opens with a question word, after any "So", "But",
/// "And" or "Yet".
fn opens_a_question(sentence: &str) -> bool {
    let mut words = sentence
        .split(|c: char| !is_word_char(c) && c != '\'' && c != '\u{2019}')
        .filter(|w| !w.is_empty());
    let mut first = words.next();
    if first.is_some_and(|w| {
        ["so", "but", "and", "yet"]
            .iter()
            .any(|c| w.eq_ignore_ascii_case(c))
    }) {
        first = words.next();
    }
    first.is_some_and(|w| {
        let w = w.replace('\u{2019}', "'");
        QUESTION_OPENERS.iter().any(|o| w.eq_ignore_ascii_case(o))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn scare(text: &str) -> Vec<&str> {
        let segments = segment(text);
        let headline = text.find('\n').unwrap_or(text.len());
        scare_quotes(text, &segments, headline, &|r| text[r].contains("cover-up"))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn scare_quotes_quote_nobody() {
        let cases: &[(&str, &[&str])] = &[
            ("Title\n\nThe \"reforms\" will cost jobs.", &["\"reforms\""]),
            (
                "Title\n\nIt was a massive political “cover-up” at best.",
                &["“cover-up”"],
            ),
            ("Title\n\nShe attacked \"false\" magazines.", &[]),
            ("Title\n\nShe attacked the \"peaceful\" protest.", &[]),
            (
                "Trump's 'Compromise' Immigration Offer\n\nBody.",
                &["'Compromise'"],
            ),
            ("Title\n\nHe called the plan a \"disaster\".", &[]),
            ("Title\n\n“We will win,” she said.", &[]),
            ("Title\n\nThe minister said: \"No\".", &[]),
            (
                "Title\n\nShe starred in \"The Ugly Duckling\" last year.",
                &[],
            ),
            (
                "Title\n\nThe so-called \"temporary\" measures, according to officials, stay.",
                &[],
            ),
            (
                "Title\n\nThe group said the “reforms” would cost jobs.",
                &[],
            ),
            (
                "Title\n\nThe \"reforms that nobody asked for\" will pass.",
                &[],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(scare(text), *expected, "{text}");
        }
    }

    #[test]
    fn status_words_are_sorted_and_lowercase() {
        // Looked up by binary search.
        for pair in STATUS_WORDS.windows(2).chain(VERDICT_VERBS.windows(2)) {
            assert!(pair[0] < pair[1], "{pair:?}");
        }
        assert!(STATUS_WORDS.iter().all(|w| *w == w.to_lowercase()));
    }

    #[test]
    fn questions_in_the_writers_voice() {
        let text = "Is this the end? “Why now?” she asked. It is not. Who gains? \
                    They had a hit with Where is the Love? So why wait?";
        let segments = segment(text);
        let found: Vec<usize> = authorial_questions(text, &segments)
            .into_iter()
            .map(|r| r.start)
            .collect();
        assert_eq!(
            found,
            [
                text.find("end?").unwrap() + 3,
                text.find("gains?").unwrap() + 5,
                text.len() - 1
            ]
        );
    }
}
