//! Sentence alignment of two articles: which sentences of one source report
//! the same fact as which of the other, and what only one side reports.
//!
//! The method follows monolingual comparable-corpus alignment (Barzilay and
//! Elhadad 2003; Nelken and Shieber 2006): sentences are compared by the
//! content words they share, each weighted by how rare it is, so two
//! sentences that share "Whitcombe", "$2.75" and "fare" are close and two
//! that share "said" and "government" are not.
//! - **Words**: letters and digits, lowercased, with a light suffix strip
//!   ("votes", "voted", "voting" → "vot"); function words and the commonest
//!   news words are left out ([`COMMON`], written for slant).
//! - **Weight**: inverse sentence frequency over both texts; a word written
//!   with a capital inside a sentence (a name) and a number count more; an
//!   actor (when actors are loaded) is one word whatever alias names it.
//! - **Similarity**: weighted Dice, 2·shared / (left + right), plus a bonus
//!   when both quote the same three words in a row (a shared quotation is
//!   strong evidence), plus a small bonus for similar position.
//! - **Pairing**: best pairs first, one to one, at or above
//!   [`THRESHOLD`]; then a sentence left over joins a paired sentence when
//!   what they share is mostly what that sentence's partner lacks (one source
//!   merges two facts that the other splits).
//! - **Cost**: candidates come from an index of words to sentences; a word
//!   in more than [`COMMON_DF`] sentences of a side is not used to find
//!   candidates, so the work is at most sentences × [`COMMON_DF`] per word,
//!   and articles over [`MAX_SENTENCES`] sentences are aligned on their first
//!   [`MAX_SENTENCES`] only (said in [`Alignment::truncated`]).
//!
//! Failure modes are in docs/compare.md: paraphrase with no shared word is
//! missed; two different facts about the same people and numbers can pair.

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::actors::Mention;
use crate::analysis::Analysis;
use crate::model::{Hit, Report, to3 as round};

/// Pairs below this similarity are not the same fact.
pub const THRESHOLD: f64 = 0.3;

/// Under this share of paired sentences, two articles "share few facts".
pub const FEW_SHARED: f64 = 0.15;

/// Sentences per side that are aligned; the rest count as unaligned.
pub const MAX_SENTENCES: usize = 5_000;

/// Content words two sentences must share to pair, unless they quote the
/// same words.
pub const MIN_SHARED_WORDS: usize = 2;

/// A word in more sentences than this on a side finds no candidates.
pub const COMMON_DF: usize = 64;

/// One sentence of a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte range in the input as read (as hit offsets are).
    pub range: [usize; 2],
    /// The sentence, with line breaks as spaces.
    pub text: String,
    /// How much the sentence says: the weight of its content words, more
    /// near the top of the article (news puts the main facts first).
    pub salience: f64,
}

/// Two sentences that report the same fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    /// The left sentence's byte range in the left input.
    pub left: [usize; 2],
    /// The right sentence's byte range in the right input.
    pub right: [usize; 2],
    /// Weighted word overlap, 0 to 1.
    pub similarity: f64,
    /// The left sentence.
    pub left_text: String,
    /// The right sentence.
    pub right_text: String,
    /// Hits of the left report inside the left sentence.
    pub left_hits: Vec<Hit>,
    /// Hits of the right report inside the right sentence.
    pub right_hits: Vec<Hit>,
    /// How differently the two are framed: the difference of their weighted
    /// hits plus half a point per rule only one side uses; 0 when alike.
    pub framing_difference: f64,
    /// Byte ranges, within `left_text`, of content words the right lacks.
    #[serde(skip)]
    pub left_changed: Vec<Range<usize>>,
    /// Byte ranges, within `left_text`, of `left_hits`.
    #[serde(skip)]
    pub left_marks: Vec<Range<usize>>,
    /// Byte ranges, within `right_text`, of `right_hits`.
    #[serde(skip)]
    pub right_marks: Vec<Range<usize>>,
    /// Byte ranges, within `right_text`, of content words the left lacks.
    #[serde(skip)]
    pub right_changed: Vec<Range<usize>>,
}

/// The alignment of two articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    /// Pairs, in the left article's order.
    pub pairs: Vec<Pair>,
    /// Left sentences with no partner, in order.
    pub left_only: Vec<Sentence>,
    /// Right sentences with no partner, in order.
    pub right_only: Vec<Sentence>,
    /// Share of the shorter article's sentences that found a partner.
    pub shared: f64,
    /// Whether the articles share so few facts that they may report
    /// different events (`shared` under [`FEW_SHARED`]).
    pub few_shared: bool,
    /// Whether an article had more than [`MAX_SENTENCES`] sentences.
    pub truncated: bool,
}

impl Alignment {
    /// Pairs whose framing differs, most different first.
    pub fn framed_differently(&self) -> Vec<&Pair> {
        let mut pairs: Vec<&Pair> = self
            .pairs
            .iter()
            .filter(|p| p.framing_difference > 0.0)
            .collect();
        pairs.sort_by(|a, b| {
            b.framing_difference
                .total_cmp(&a.framing_difference)
                .then(a.left[0].cmp(&b.left[0]))
        });
        pairs
    }

    /// The `n` most salient sentences of a side's only facts, in article order.
    pub fn most_salient(only: &[Sentence], n: usize) -> Vec<&Sentence> {
        let mut top: Vec<&Sentence> = only.iter().collect();
        top.sort_by(|a, b| b.salience.total_cmp(&a.salience));
        top.truncate(n);
        top.sort_by_key(|s| s.range[0]);
        top
    }
}

/// Aligns the sentences of two analysed articles; `reports` are theirs,
/// for the hits in each pair.
pub fn align(left: &Analysis, right: &Analysis, reports: [&Report; 2]) -> Alignment {
    let mut vocab = Vocabulary::default();
    let (l, l_cut) = Side::read(left, &mut vocab);
    let (r, r_cut) = Side::read(right, &mut vocab);
    let weights = vocab.weights(&l, &r);
    let l = l.weigh(&weights);
    let r = r.weigh(&weights);

    let mut candidates = candidates(&l, &r);
    candidates.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    let mut l_mate: Vec<Option<usize>> = vec![None; l.sentences.len()];
    let mut r_mate: Vec<Option<usize>> = vec![None; r.sentences.len()];
    let mut links: Vec<(usize, usize, f64)> = Vec::new();
    for &(i, j, sim) in &candidates {
        if l_mate[i].is_none() && r_mate[j].is_none() {
            l_mate[i] = Some(j);
            r_mate[j] = Some(i);
            links.push((i, j, sim));
        }
    }
    // One to many: a leftover sentence joins a paired one when it brings
    // what that one's partner lacks.
    let mut extra = Vec::new();
    for &(i, j, sim) in &candidates {
        match (l_mate[i], r_mate[j]) {
            (None, Some(mate))
                if explains(&l.sentences[i], &r.sentences[j], &l.sentences[mate]) =>
            {
                extra.push((i, j, sim));
            }
            (Some(mate), None)
                if explains(&r.sentences[j], &l.sentences[i], &r.sentences[mate]) =>
            {
                extra.push((i, j, sim));
            }
            _ => {}
        }
    }
    let mut l_linked: Vec<bool> = l_mate.iter().map(Option::is_some).collect();
    let mut r_linked: Vec<bool> = r_mate.iter().map(Option::is_some).collect();
    for (i, j, sim) in extra {
        // Each leftover joins at most once, its best partner (candidates are
        // sorted best first).
        if l_linked[i] && r_linked[j] {
            continue;
        }
        l_linked[i] = true;
        r_linked[j] = true;
        links.push((i, j, sim));
    }
    links.sort_by_key(|&(i, j, _)| (i, j));

    let (l_hits, r_hits) = (
        hits_by_sentence(&l, reports[0]),
        hits_by_sentence(&r, reports[1]),
    );
    let pairs = links
        .into_iter()
        .map(|(i, j, sim)| {
            let (a, b) = (&l.sentences[i], &r.sentences[j]);
            let left_hits: Vec<Hit> = l_hits[i]
                .iter()
                .map(|&h| reports[0].hits[h].clone())
                .collect();
            let right_hits: Vec<Hit> = r_hits[j]
                .iter()
                .map(|&h| reports[1].hits[h].clone())
                .collect();
            Pair {
                left: a.range,
                right: b.range,
                similarity: round(sim),
                left_text: a.text.clone(),
                right_text: b.text.clone(),
                framing_difference: round(framing_difference(&left_hits, &right_hits)),
                left_changed: changed(a, b),
                right_changed: changed(b, a),
                left_marks: marks(a, &left_hits),
                right_marks: marks(b, &right_hits),
                left_hits,
                right_hits,
            }
        })
        .collect();
    let only = |side: &Weighed, linked: &[bool]| -> Vec<Sentence> {
        side.sentences
            .iter()
            .zip(linked)
            .filter(|(s, linked)| !**linked && !s.words.is_empty())
            .map(|(s, _)| Sentence {
                range: s.range,
                text: s.text.clone(),
                salience: round(s.salience),
            })
            .collect()
    };
    let countable = |side: &Weighed| {
        side.sentences
            .iter()
            .filter(|s| !s.words.is_empty())
            .count()
    };
    let linked = |side: &Weighed, linked: &[bool]| {
        side.sentences
            .iter()
            .zip(linked)
            .filter(|(s, linked)| **linked && !s.words.is_empty())
            .count()
    };
    let fewer = countable(&l).min(countable(&r));
    let paired = linked(&l, &l_linked).min(linked(&r, &r_linked));
    let shared = if fewer == 0 {
        0.0
    } else {
        paired as f64 / fewer as f64
    };
    Alignment {
        pairs,
        left_only: only(&l, &l_linked),
        right_only: only(&r, &r_linked),
        shared: round(shared),
        few_shared: shared < FEW_SHARED,
        truncated: l_cut || r_cut,
    }
}

/// Function words and the commonest words of news copy: they say nothing
/// about which fact a sentence reports. Written for slant.
const COMMON: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "also",
    "although",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "day",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "per",
    "s",
    "said",
    "same",
    "say",
    "saying",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "time",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "way",
    "we",
    "week",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "mr",
    "mrs",
    "ms",
    "dr",
    "percent",
    "people",
    "two",
    "three",
    "first",
    "next",
];

/// Words seen in either article, numbered.
#[derive(Default)]
struct Vocabulary {
    ids: HashMap<String, u32>,
    /// Whether the word is written with a capital inside a sentence.
    name: Vec<bool>,
    number: Vec<bool>,
}

impl Vocabulary {
    fn id(&mut self, key: String, number: bool) -> u32 {
        let next = self.ids.len() as u32;
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.name.push(false);
            self.number.push(number);
        }
        id
    }

    /// Inverse sentence frequency over both sides, raised for names and
    /// numbers.
    fn weights(&self, l: &Side, r: &Side) -> Vec<f64> {
        let mut df = vec![0u32; self.ids.len()];
        for side in [l, r] {
            for s in &side.sentences {
                for &w in &s.words {
                    df[w as usize] += 1;
                }
            }
        }
        let n = (l.sentences.len() + r.sentences.len()).max(1) as f64;
        df.iter()
            .enumerate()
            .map(|(id, &d)| {
                let idf = (1.0 + n / f64::from(d.max(1))).ln();
                let boost = if self.number[id] {
                    1.5
                } else if self.name[id] {
                    1.3
                } else {
                    1.0
                };
                idf * boost
            })
            .collect()
    }
}

/// A sentence as words, before weighing.
struct Raw {
    range: [usize; 2],
    text: String,
    /// Word ids, sorted, unique.
    words: Vec<u32>,
    /// Each word's id and byte range in `text`, in order, for marking.
    spans: Vec<(u32, Range<usize>)>,
    /// Hashes of three quoted words in a row.
    quoted: Vec<u64>,
    /// Where it is in the article, 0 (top) to 1.
    position: f64,
}

struct Side {
    sentences: Vec<Raw>,
}

impl Side {
    fn read(a: &Analysis, vocab: &mut Vocabulary) -> (Side, bool) {
        let all = &a.segments.sentences;
        let cut = all.len() > MAX_SENTENCES;
        let total = all.len().max(1) as f64;
        let mut quoted = a.segments.quoted.iter().peekable();
        // Actor mentions are in order, like sentences.
        let mut mentions = a
            .mentions
            .iter()
            .filter_map(|m| match m.rule {
                Mention::Actor(id) => Some((m.start, id)),
                Mention::Speech => None,
            })
            .peekable();
        let sentences = all
            .iter()
            .take(MAX_SENTENCES)
            .enumerate()
            .map(|(k, range)| {
                let text = &a.text[range.clone()];
                let mut words = Vec::new();
                let mut spans = Vec::new();
                let mut quoted_words: Vec<(usize, u64)> = Vec::new();
                // Quotes are sorted like sentences: skip those before this one.
                while quoted.peek().is_some_and(|q| q.end <= range.start) {
                    quoted.next();
                }
                let quotes: Vec<Range<usize>> = quoted
                    .clone()
                    .take_while(|q| q.start < range.end)
                    .map(|q| q.start.saturating_sub(range.start)..q.end - range.start)
                    .collect();
                // Words and quotes are both in order: one pointer walks the
                // quotes (a search per word cost quotes × words).
                let mut q = 0;
                for (index, (at, word)) in word_spans(text).enumerate() {
                    let lower = word.to_lowercase();
                    while quotes.get(q).is_some_and(|r| r.end <= at) {
                        q += 1;
                    }
                    if quotes.get(q).is_some_and(|r| r.contains(&at)) {
                        quoted_words.push((q, hash(&lower)));
                    }
                    let number = word.starts_with(|c: char| c.is_ascii_digit());
                    let key = if number {
                        lower.replace(',', "")
                    } else {
                        stem(&lower)
                    };
                    // "that's" is "that": common either way.
                    if !number
                        && (COMMON.contains(&lower.as_str()) || COMMON.contains(&key.as_str()))
                    {
                        continue;
                    }
                    if key.chars().count() < 2 && !number {
                        continue;
                    }
                    let id = vocab.id(key, number);
                    if index > 0 && word.starts_with(char::is_uppercase) {
                        vocab.name[id as usize] = true;
                    }
                    words.push(id);
                    spans.push((id, at..at + word.len()));
                }
                // An actor is one word whatever alias names it ("Mr Blair",
                // "the prime minister").
                while mentions.peek().is_some_and(|&(at, _)| at < range.start) {
                    mentions.next();
                }
                while let Some((_, id)) = mentions.next_if(|&(at, _)| at < range.end) {
                    let id = vocab.id(format!("\u{0}actor {id}"), false);
                    vocab.name[id as usize] = true;
                    words.push(id);
                }
                words.sort_unstable();
                words.dedup();
                let mut trigrams: Vec<u64> = quoted_words
                    .windows(3)
                    .filter(|w| w[0].0 == w[2].0)
                    .map(|w| {
                        w[0].1
                            .wrapping_mul(31)
                            .wrapping_add(w[1].1)
                            .wrapping_mul(31)
                            .wrapping_add(w[2].1)
                    })
                    .collect();
                trigrams.sort_unstable();
                trigrams.dedup();
                Raw {
                    range: [a.to_input(range.start), a.to_input_end(range.end)],
                    text: printable(text),
                    words,
                    spans,
                    quoted: trigrams,
                    position: k as f64 / total,
                }
            })
            .collect();
        (Side { sentences }, cut)
    }

    fn weigh(self, weights: &[f64]) -> Weighed {
        let sentences: Vec<Weighted> = self
            .sentences
            .into_iter()
            .map(|s| {
                let words: Vec<(u32, f64)> =
                    s.words.iter().map(|&w| (w, weights[w as usize])).collect();
                let total: f64 = words.iter().map(|w| w.1).sum();
                Weighted {
                    salience: total * (1.0 - 0.5 * s.position),
                    total,
                    words,
                    raw: s,
                }
            })
            .collect();
        let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
        for (k, s) in sentences.iter().enumerate() {
            for &(w, _) in &s.words {
                index.entry(w).or_default().push(k);
            }
        }
        index.retain(|_, list| list.len() <= COMMON_DF);
        Weighed { sentences, index }
    }
}

struct Weighted {
    raw: Raw,
    /// Word ids with weights, sorted by id.
    words: Vec<(u32, f64)>,
    total: f64,
    salience: f64,
}

impl std::ops::Deref for Weighted {
    type Target = Raw;
    fn deref(&self) -> &Raw {
        &self.raw
    }
}

struct Weighed {
    sentences: Vec<Weighted>,
    /// Word id to the sentences holding it, for words not too common.
    index: HashMap<u32, Vec<usize>>,
}

/// Sentence pairs at or above [`THRESHOLD`], with their similarity.
fn candidates(l: &Weighed, r: &Weighed) -> Vec<(usize, usize, f64)> {
    let mut out = Vec::new();
    // Per right sentence: shared weight and number of shared words.
    let mut shared: HashMap<usize, (f64, usize)> = HashMap::new();
    for (i, a) in l.sentences.iter().enumerate() {
        shared.clear();
        for &(w, weight) in &a.words {
            if let Some(list) = r.index.get(&w) {
                for &j in list {
                    let entry = shared.entry(j).or_default();
                    entry.0 += weight;
                    entry.1 += 1;
                }
            }
        }
        for (&j, &(common, words)) in &shared {
            let b = &r.sentences[j];
            let quoted = sorted_intersect(&a.quoted, &b.quoted);
            // One shared word ("Obama said." and "Obama mocks Congress") is
            // not a fact: two, or the same quoted words, are the least.
            if words < MIN_SHARED_WORDS && !quoted {
                continue;
            }
            let sim = similarity(a, b, common, quoted);
            if sim >= THRESHOLD {
                out.push((i, j, sim));
            }
        }
    }
    out
}

fn similarity(a: &Weighted, b: &Weighted, common: f64, quoted: bool) -> f64 {
    let total = a.total + b.total;
    if total == 0.0 {
        return 0.0;
    }
    let dice = 2.0 * common / total;
    let quote = if quoted { 0.25 } else { 0.0 };
    let order = 0.05 * (1.0 - (a.position - b.position).abs());
    (dice + quote + order).min(1.0)
}

fn sorted_intersect(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Whether `extra`, unpaired, reports another part of `partner`: what they
/// share is mostly what `partner`'s mate lacks, and is much of what `extra`
/// says (sharing only a name and title is not).
fn explains(extra: &Weighted, partner: &Weighted, mate: &Weighted) -> bool {
    let mut new = 0.0;
    let mut old = 0.0;
    for &(w, weight) in &extra.words {
        if partner.words.binary_search_by_key(&w, |p| p.0).is_ok() {
            if mate.words.binary_search_by_key(&w, |p| p.0).is_ok() {
                old += weight;
            } else {
                new += weight;
            }
        }
    }
    new > old && new >= MERGED_SHARE * extra.total
}

/// How much of a leftover sentence a merged partner must account for.
const MERGED_SHARE: f64 = 0.4;

/// Byte ranges in `a`'s text of content words `b` does not have.
fn changed(a: &Weighted, b: &Weighted) -> Vec<Range<usize>> {
    a.spans
        .iter()
        .filter(|(w, _)| b.words.binary_search_by_key(w, |p| p.0).is_err())
        .map(|(_, r)| r.clone())
        .collect()
}

/// For each sentence, the indices of the report's hits that start in it.
/// Hits and sentences are both in order, so one merge walk suffices.
fn hits_by_sentence(side: &Weighed, report: &Report) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); side.sentences.len()];
    let mut order: Vec<usize> = (0..report.hits.len()).collect();
    order.sort_by_key(|&h| report.hits[h].start);
    let mut k = 0;
    for h in order {
        let at = report.hits[h].start;
        while k < side.sentences.len() && side.sentences[k].range[1] <= at {
            k += 1;
        }
        match side.sentences.get(k) {
            Some(s) if s.range[0] <= at => out[k].push(h),
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// Where each hit is in the sentence's text. Hit offsets are the input's;
/// where the input's bytes are not the text's (a BOM, an extracted page) the
/// hit's words are looked for in the sentence instead.
fn marks(sentence: &Raw, hits: &[Hit]) -> Vec<Range<usize>> {
    hits.iter()
        .filter_map(|h| {
            let start = h.start.checked_sub(sentence.range[0])?;
            let by_offset = start..start + h.text.len();
            if sentence.text.get(by_offset.clone()) == Some(h.text.as_str()) {
                return Some(by_offset);
            }
            let at = sentence.text.find(h.text.as_str())?;
            Some(at..at + h.text.len())
        })
        .collect()
}

fn framing_difference(left: &[Hit], right: &[Hit]) -> f64 {
    let weight = |hits: &[Hit]| hits.iter().map(|h| h.weighted).sum::<f64>();
    let mut l: Vec<&str> = left.iter().map(|h| h.rule.as_str()).collect();
    let mut r: Vec<&str> = right.iter().map(|h| h.rule.as_str()).collect();
    l.sort_unstable();
    l.dedup();
    r.sort_unstable();
    r.dedup();
    let only =
        l.iter().filter(|x| !r.contains(x)).count() + r.iter().filter(|x| !l.contains(x)).count();
    (weight(left) - weight(right)).abs() + 0.5 * only as f64
}

/// Words of `text` with their byte offsets: letters and digits, joined by
/// an apostrophe between letters or a point or comma between digits.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &text[at..];
        let start = at + rest.find(|c: char| c.is_alphanumeric())?;
        let mut end = start;
        let mut chars = text[start..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let here = start + i;
            if c.is_alphanumeric() {
                end = here + c.len_utf8();
                continue;
            }
            let joins = match c {
                '\'' | '’' => {
                    here > start
                        && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
                        && text[..here].ends_with(char::is_alphabetic)
                }
                '.' | ',' => {
                    bytes
                        .get(here.wrapping_sub(1))
                        .is_some_and(u8::is_ascii_digit)
                        && chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit())
                }
                _ => false,
            };
            if !joins {
                break;
            }
        }
        at = end.max(start + 1);
        while !text.is_char_boundary(at) {
            at += 1;
        }
        Some((start, &text[start..end]))
    })
}

/// `text` with line breaks, tabs and other control characters (a terminal
/// escape in an article) as spaces, one per byte, so word offsets into it
/// stay true.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// A light suffix strip, the same on both sides: enough to meet "vote",
/// "voted" and "votes".
fn stem(word: &str) -> String {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    let n = word.len();
    if n > 5 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    for (suffix, min) in [("ing", 6), ("ed", 5), ("es", 5), ("s", 4), ("e", 4)] {
        if n >= min && word.ends_with(suffix) && !word.ends_with("ss") {
            return word[..n - suffix.len()].to_string();
        }
    }
    word.to_string()
}

fn hash(word: &str) -> u64 {
    // FNV-1a: stable across runs, so the same quote hashes alike.
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_numbers_and_contractions_whole() {
        let words: Vec<&str> = word_spans("It's $2.75, up 1,000% — O'Neil's U.S. view.")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            words,
            ["It's", "2.75", "up", "1,000", "O'Neil's", "U", "S", "view"]
        );
    }

    #[test]
    fn stems_meet_across_inflections() {
        assert_eq!(stem("voted"), stem("votes"));
        assert_eq!(stem("voting"), stem("vote"));
        assert_eq!(stem("policies"), "policy");
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("whitcombe's"), stem("whitcombe"));
    }
}
