//! Two reports on the same event, side by side.
//!
//! Categories are compared by density (hits per 1,000 words), so a long
//! article is not blamed for being long. Terms are grouped by their folded
//! surface text ("Obviously" and "obviously" are one term) and listed as a
//! diff: terms only the left uses, shared terms, terms only the right uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::align::Alignment;
use crate::model::{ActorProfile, Report, round3, round3_opt, to3};
use crate::normalize::{fold_term, one_line};
use crate::summary::Summary;

/// Version of the comparison JSON; bumped on any incompatible change.
/// Version 2 added `verdict`, 3 `alignment`.
pub const SCHEMA_VERSION: u32 = 3;

/// A source frames more than the other when its score is at least this
/// many times the other's; closer scores frame "about equally".
pub const MORE_FRAMING_RATIO: f64 = 1.25;

/// Which source frames more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Leaning {
    /// The left source frames more.
    Left,
    /// The right source frames more.
    Right,
    /// Both frame, about equally.
    Even,
    /// Neither uses a flagged term.
    Neither,
}

/// The answer to "which source frames more, and by how much".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Which source frames more.
    pub leaning: Leaning,
    /// The larger score over the smaller; `None` (null) when the smaller
    /// is 0 or neither frames.
    #[serde(serialize_with = "round3_opt")]
    pub times: Option<f64>,
    /// The left source's score.
    #[serde(serialize_with = "round3")]
    pub left_score: f64,
    /// The right source's score.
    #[serde(serialize_with = "round3")]
    pub right_score: f64,
}

impl Verdict {
    /// Weighs two scores (hits per 1,000 words).
    pub fn new(left_score: f64, right_score: f64) -> Verdict {
        let (high, low) = if left_score >= right_score {
            (left_score, right_score)
        } else {
            (right_score, left_score)
        };
        let times = (low > 0.0).then(|| high / low);
        let leaning = if high == 0.0 {
            Leaning::Neither
        } else if times.is_some_and(|t| t < MORE_FRAMING_RATIO) {
            Leaning::Even
        } else if left_score > right_score {
            Leaning::Left
        } else {
            Leaning::Right
        };
        Verdict {
            leaning,
            times,
            left_score,
            right_score,
        }
    }
}

/// Two reports compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Version of this JSON shape (see `docs/json-schema.md`).
    pub schema_version: u32,
    /// The first source.
    pub left: Report,
    /// The second source.
    pub right: Report,
    /// Every category either source uses, by name.
    pub categories: Vec<CategoryDelta>,
    /// Every term either source uses.
    pub terms: Vec<TermCount>,
    /// `left.score / right.score`; `None` (null) when the right score is 0.
    #[serde(serialize_with = "round3_opt")]
    pub ratio: Option<f64>,
    /// Which source frames more, and by how much.
    pub verdict: Verdict,
    /// Every actor either source mentions or frames (when actors are loaded),
    /// most mentioned first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorDelta>,
    /// Which sentences report the same fact, when aligned
    /// ([`Comparison::with_alignment`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<Alignment>,
}

/// One actor in both sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorDelta {
    /// The actor's name.
    pub actor: String,
    /// Its profile in the left source, if it appears there.
    pub left: Option<ActorProfile>,
    /// Its profile in the right source.
    pub right: Option<ActorProfile>,
}

/// One side of a category row.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// Hits in the category.
    pub count: usize,
    /// Hits per 1,000 words.
    #[serde(serialize_with = "round3")]
    pub density: f64,
}

/// A category on both sides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryDelta {
    /// The category's name.
    pub category: String,
    /// The left source.
    pub left: Side,
    /// The right source.
    pub right: Side,
    /// `left.density - right.density`: positive when the left frames more.
    #[serde(serialize_with = "round3")]
    pub delta: f64,
}

/// A term with its count on each side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCount {
    /// The term as first written in either source, lowercased. Occurrences
    /// that differ only in case, quotes or dashes count as one term.
    pub term: String,
    /// Its category.
    pub category: String,
    /// Hits in the left source.
    pub left: usize,
    /// Hits in the right source.
    pub right: usize,
}

impl Comparison {
    /// Compares two reports.
    pub fn new(left: Report, right: Report) -> Comparison {
        let mut categories: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (name, stats) in &left.categories {
            categories.entry(name).or_default().0 = stats.count;
        }
        for (name, stats) in &right.categories {
            categories.entry(name).or_default().1 = stats.count;
        }
        let categories = categories
            .into_iter()
            .map(|(name, (l, r))| {
                let left_side = Side {
                    count: l,
                    density: left.density(l),
                };
                let right_side = Side {
                    count: r,
                    density: right.density(r),
                };
                CategoryDelta {
                    category: name.to_string(),
                    left: left_side,
                    right: right_side,
                    delta: left_side.density - right_side.density,
                }
            })
            .collect();

        // Keyed by folded text; shown as the first occurrence, lowercased.
        let mut terms: BTreeMap<(String, String), TermCount> = BTreeMap::new();
        for (hits, left_side) in [(&left.hits, true), (&right.hits, false)] {
            for hit in hits {
                let entry = terms
                    .entry((fold_term(&hit.text), hit.category.clone()))
                    .or_insert_with(|| TermCount {
                        term: one_line(&hit.text).to_lowercase(),
                        category: hit.category.clone(),
                        left: 0,
                        right: 0,
                    });
                if left_side {
                    entry.left += 1;
                } else {
                    entry.right += 1;
                }
            }
        }
        let mut terms: Vec<TermCount> = terms.into_values().collect();
        // As a diff: terms only the left uses, then shared ones, then terms
        // only the right uses; within each, most used first, then alphabetical.
        let block = |t: &TermCount| match (t.left, t.right) {
            (_, 0) => 0,
            (0, _) => 2,
            _ => 1,
        };
        terms.sort_by(|a, b| {
            block(a)
                .cmp(&block(b))
                .then_with(|| (b.left + b.right).cmp(&(a.left + a.right)))
                .then_with(|| a.term.cmp(&b.term))
        });

        let ratio = (right.score > 0.0).then(|| left.score / right.score);
        let verdict = Verdict::new(left.score, right.score);
        let actors = actor_deltas(&left, &right);
        Comparison {
            schema_version: SCHEMA_VERSION,
            left,
            right,
            categories,
            terms,
            ratio,
            verdict,
            actors,
            alignment: None,
        }
    }

    /// The comparison with the sentence alignment of its two articles.
    pub fn with_alignment(mut self, alignment: Alignment) -> Comparison {
        self.alignment = Some(alignment);
        self
    }

    /// The actors either source frames or quotes: those only named would
    /// bury the others in a side-by-side view.
    pub fn engaged_actors(&self) -> impl Iterator<Item = &ActorDelta> {
        self.actors.iter().filter(|d| {
            d.left.as_ref().is_some_and(ActorProfile::is_engaged)
                || d.right.as_ref().is_some_and(ActorProfile::is_engaged)
        })
    }
}

fn actor_deltas(left: &Report, right: &Report) -> Vec<ActorDelta> {
    let find =
        |r: &Report, name: &str| r.actors.iter().flatten().find(|p| p.actor == name).cloned();
    let mut names: Vec<&str> = Vec::new();
    for p in left
        .actors
        .iter()
        .flatten()
        .chain(right.actors.iter().flatten())
    {
        if !names.contains(&p.actor.as_str()) {
            names.push(&p.actor);
        }
    }
    let mut deltas: Vec<ActorDelta> = names
        .into_iter()
        .map(|name| ActorDelta {
            actor: name.to_string(),
            left: find(left, name),
            right: find(right, name),
        })
        .collect();
    let mentions = |d: &ActorDelta| {
        d.left.as_ref().map_or(0, |p| p.mentions) + d.right.as_ref().map_or(0, |p| p.mentions)
    };
    deltas.sort_by(|a, b| {
        mentions(b)
            .cmp(&mentions(a))
            .then_with(|| a.actor.cmp(&b.actor))
    });
    deltas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_weighs_scores() {
        let cases = [
            ((31.36, 7.89), Leaning::Left, Some(3.975)),
            ((7.89, 31.36), Leaning::Right, Some(3.975)),
            ((10.0, 9.0), Leaning::Even, Some(1.111)),
            ((10.0, 8.0), Leaning::Left, Some(1.25)),
            ((5.0, 0.0), Leaning::Left, None),
            ((0.0, 5.0), Leaning::Right, None),
            ((0.0, 0.0), Leaning::Neither, None),
        ];
        for ((l, r), leaning, times) in cases {
            let v = Verdict::new(l, r);
            assert_eq!(v.leaning, leaning, "{l} vs {r}");
            let rounded = v.times.map(to3);
            assert_eq!(rounded, times, "{l} vs {r}");
        }
    }
}

/// Two groups of articles (two outlets of an archive, two months) compared
/// from their summaries, with an interval on each difference so that a real
/// difference can be told from noise.
///
/// The unit is the article: for each category, the mean over articles of
/// its hits per 1,000 words, and the difference of the two means with a 95%
/// interval from the normal approximation (Welch: the standard error is
/// `sqrt(s²_left / n_left + s²_right / n_right)`, each variance from the
/// summaries' sums and sums of squares). It assumes articles are independent
/// draws of each outlet's coverage; with few articles (under about 30 a
/// side) the interval is too narrow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupComparison {
    /// The left group's name.
    pub left: String,
    /// The right group's name.
    pub right: String,
    /// Articles in each.
    pub articles: [u64; 2],
    /// Words in each.
    pub words: [u64; 2],
    /// Mean article score of each, and their difference with its interval.
    pub score: Difference,
    /// Per category, by name.
    pub categories: Vec<(String, Difference)>,
    /// Terms by weighted hits per 1,000 words, the largest differences first.
    pub terms: Vec<GroupTerm>,
}

/// Two means and the 95% interval of their difference.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    /// The left group's mean.
    #[serde(serialize_with = "round3")]
    pub left: f64,
    /// The right group's mean.
    #[serde(serialize_with = "round3")]
    pub right: f64,
    /// Left minus right.
    #[serde(serialize_with = "round3")]
    pub difference: f64,
    /// The 95% interval of the difference; `None` with under two articles
    /// on a side.
    pub interval: Option<[f64; 2]>,
}

impl Difference {
    /// From each side's article count, sum and sum of squares.
    fn new(left: (u64, f64, f64), right: (u64, f64, f64)) -> Difference {
        let mean = |(n, sum, _): (u64, f64, f64)| if n == 0 { 0.0 } else { sum / n as f64 };
        // The sample variance over n − 1, never negative from rounding.
        let variance = |(n, sum, squares): (u64, f64, f64)| {
            (n >= 2).then(|| {
                let n = n as f64;
                ((squares - sum * sum / n) / (n - 1.0)).max(0.0)
            })
        };
        let (l, r) = (mean(left), mean(right));
        let difference = l - r;
        let interval = match (variance(left), variance(right)) {
            (Some(vl), Some(vr)) => {
                let se = (vl / left.0 as f64 + vr / right.0 as f64).sqrt();
                Some([to3(difference - 1.96 * se), to3(difference + 1.96 * se)])
            }
            _ => None,
        };
        Difference {
            left: l,
            right: r,
            difference,
            interval,
        }
    }

    /// Whether the interval leaves out 0: a difference unlikely to be noise.
    pub fn is_clear(&self) -> bool {
        self.interval.is_some_and(|[lo, hi]| lo > 0.0 || hi < 0.0)
    }
}

/// A term's weighted hits per 1,000 words in each group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupTerm {
    /// The term, lowercased.
    pub term: String,
    /// Weighted hits per 1,000 words, left.
    #[serde(serialize_with = "round3")]
    pub left: f64,
    /// Weighted hits per 1,000 words, right.
    #[serde(serialize_with = "round3")]
    pub right: f64,
}

/// Terms a group comparison lists.
pub const GROUP_TERMS: usize = 20;

impl GroupComparison {
    /// Compares two summaries named `left` and `right`.
    pub fn new(left: (&str, &Summary), right: (&str, &Summary)) -> GroupComparison {
        let (l, r) = (left.1, right.1);
        let score = Difference::new(
            (l.articles, l.scores.sum.to_f64(), l.scores.squares.to_f64()),
            (r.articles, r.scores.sum.to_f64(), r.scores.squares.to_f64()),
        );
        let names: std::collections::BTreeSet<&String> =
            l.categories.keys().chain(r.categories.keys()).collect();
        let side = |s: &Summary, name: &str| {
            let t = s.categories.get(name);
            (
                s.articles,
                t.map_or(0.0, |t| t.density_sum.to_f64()),
                t.map_or(0.0, |t| t.density_squares.to_f64()),
            )
        };
        let categories = names
            .into_iter()
            .map(|name| (name.clone(), Difference::new(side(l, name), side(r, name))))
            .collect();
        let per_k = |s: &Summary, term: &str| {
            s.terms.get(term).map_or(0.0, |t| {
                crate::model::per_thousand(t.weighted.to_f64(), s.words as usize)
            })
        };
        let mut terms: Vec<GroupTerm> = l
            .terms
            .keys()
            .chain(r.terms.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|t| GroupTerm {
                term: t.clone(),
                left: per_k(l, t),
                right: per_k(r, t),
            })
            .collect();
        terms.sort_by(|a, b| {
            (b.left - b.right)
                .abs()
                .total_cmp(&(a.left - a.right).abs())
                .then(a.term.cmp(&b.term))
        });
        terms.truncate(GROUP_TERMS);
        GroupComparison {
            left: left.0.to_string(),
            right: right.0.to_string(),
            articles: [l.articles, r.articles],
            words: [l.words, r.words],
            score,
            categories,
            terms,
        }
    }
}
