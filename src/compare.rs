//! Two reports on the same event, side by side.
//!
//! Categories are compared by density (hits per 1,000 words), so a long
//! article is not blamed for being long. Terms are grouped by their folded
//! surface text ("Obviously" and "obviously" are one term) and listed as a
//! diff: terms only the left uses, shared terms, terms only the right uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::align::Alignment;
use crate::model::{ActorProfile, Report, round3, round3_opt};
use crate::normalize::{fold_term, one_line};

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
            let rounded = v.times.map(|t| (t * 1000.0).round() / 1000.0);
            assert_eq!(rounded, times, "{l} vs {r}");
        }
    }
}
