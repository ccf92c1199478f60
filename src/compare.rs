//! Two reports on the same event, side by side.
//!
//! Categories are compared by density (hits per 1,000 words), so a long
//! article is not blamed for being long. Terms are grouped by their folded
//! surface text ("Obviously" and "obviously" are one term) and listed as a
//! diff: terms only the left uses, shared terms, terms only the right uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::actors::ActorProfile;
use crate::normalize::{fold_term, one_line};
use crate::score::{Report, round3, round3_opt};

/// Version of the comparison JSON; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

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
    /// Every actor either source mentions or frames (when actors are loaded),
    /// most mentioned first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorDelta>,
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
        let actors = actor_deltas(&left, &right);
        Comparison {
            schema_version: SCHEMA_VERSION,
            left,
            right,
            categories,
            terms,
            ratio,
            actors,
        }
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
