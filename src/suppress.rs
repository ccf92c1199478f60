//! Inline suppression: hits a writer has weighed and silenced with
//! `slant-disable` comments are set apart from the scored ones, so the
//! report can still say that something was silenced.
//!
//! `slant-disable [TARGET…]` silences from its place until a
//! `slant-enable` (all of it) or `slant-enable TARGET` (that target);
//! `slant-disable-next-line [TARGET…]` silences the next line that holds
//! text. A target is a rule id (`certainty.obviously`) or a category
//! (`certainty`); none means every rule. One pass over directives and
//! matches, both in text order: linear in the text.

use std::ops::Range;

use crate::extract::{Directive, DirectiveKind};
use crate::matcher::Match;
use crate::rules::RuleSet;

/// A stretch of text where some targets are silenced.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Region {
    range: Range<usize>,
    /// Rule ids or categories; `*` for every rule.
    targets: Vec<String>,
}

const ALL: &str = "*";

/// Targets silenced at once, at most: far more than packs have rules and
/// categories, few enough that copying the list per region stays cheap.
const MAX_ACTIVE: usize = 32;

/// The silenced regions of `text` that `directives` (in text order) make,
/// sorted by start.
fn regions(directives: &[Directive], text: &str) -> Vec<Region> {
    let mut out = Vec::new();
    let mut active: Vec<String> = Vec::new();
    let mut since = 0;
    for d in directives {
        let targets = || {
            if d.targets.is_empty() {
                vec![ALL.to_string()]
            } else {
                d.targets.clone()
            }
        };
        match d.kind {
            DirectiveKind::DisableNextLine => {
                let rest = text.get(d.at..).unwrap_or("");
                let start = d.at + (rest.len() - rest.trim_start().len());
                let end = text
                    .get(start..)
                    .and_then(|r| r.find('\n'))
                    .map_or(text.len(), |e| start + e);
                out.push(Region {
                    range: start..end,
                    targets: targets(),
                });
            }
            DirectiveKind::Disable | DirectiveKind::Enable => {
                if !active.is_empty() && since < d.at {
                    out.push(Region {
                        range: since..d.at,
                        targets: active.clone(),
                    });
                }
                since = d.at;
                if d.kind == DirectiveKind::Disable {
                    // Each target once, and a bounded number: every region
                    // copies the active list, so a list that grew with each
                    // comment made many comments cost their square.
                    for t in targets() {
                        if active.len() < MAX_ACTIVE && !active.contains(&t) {
                            active.push(t);
                        }
                    }
                } else if d.targets.is_empty() {
                    active.clear();
                } else {
                    active.retain(|t| !d.targets.contains(t));
                }
            }
        }
    }
    if !active.is_empty() {
        out.push(Region {
            range: since..text.len(),
            targets: active,
        });
    }
    out.sort_by_key(|r| r.range.start);
    out
}

/// Splits `matches` (in text order) into the scored and the silenced.
pub(crate) fn split(
    matches: Vec<Match>,
    directives: &[Directive],
    text: &str,
    rules: &RuleSet,
) -> (Vec<Match>, Vec<Match>) {
    if directives.is_empty() {
        return (matches, Vec::new());
    }
    let regions = regions(directives, text);
    let (mut kept, mut silenced) = (Vec::new(), Vec::new());
    // Regions before `first` end before the current match: matches come
    // in order, so the pointer only moves on. Next-line regions may
    // overlap others, so every region from `first` that has started is
    // asked (a handful).
    let mut first = 0;
    for m in matches {
        while regions
            .get(first)
            .is_some_and(|r| r.range.end <= m.start && first + 1 < regions.len())
        {
            first += 1;
        }
        let rule = rules.get(m.rule);
        let category = &rules.category_of(rule).name;
        let hit = regions[first.min(regions.len())..]
            .iter()
            .take_while(|r| r.range.start <= m.start)
            .filter(|r| r.range.contains(&m.start))
            .any(|r| {
                r.targets
                    .iter()
                    .any(|t| t == ALL || *t == rule.id || t == category)
            });
        if hit {
            silenced.push(m);
        } else {
            kept.push(m);
        }
    }
    (kept, silenced)
}

/// Targets of `directives` that name neither a rule nor a category, each
/// once: a typo would otherwise silence nothing without a word.
pub(crate) fn unknown_targets(directives: &[Directive], rules: &RuleSet) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for t in directives.iter().flat_map(|d| &d.targets) {
        let known = rules.rule(t).is_some() || rules.categories().iter().any(|c| c.name == *t);
        if !known && seen.insert(t.as_str()) {
            out.push(t.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(at: usize, kind: DirectiveKind, targets: &[&str]) -> Directive {
        Directive {
            at,
            kind,
            targets: targets.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn disable_enable_and_next_line_make_regions() {
        let text = "aaaa\n\nbbbb\ncccc\ndddd";
        let r = regions(
            &[
                d(0, DirectiveKind::DisableNextLine, &["x"]),
                d(6, DirectiveKind::Disable, &[]),
                d(11, DirectiveKind::Enable, &[]),
                d(16, DirectiveKind::Disable, &["y"]),
            ],
            text,
        );
        assert_eq!(
            r,
            [
                Region {
                    range: 0..4,
                    targets: vec!["x".into()]
                },
                Region {
                    range: 6..11,
                    targets: vec!["*".into()]
                },
                Region {
                    range: 16..20,
                    targets: vec!["y".into()]
                },
            ]
        );
    }

    #[test]
    fn enable_with_a_target_ends_only_that_target() {
        let r = regions(
            &[
                d(0, DirectiveKind::Disable, &["x", "y"]),
                d(5, DirectiveKind::Enable, &["x"]),
            ],
            "0123456789",
        );
        assert_eq!(
            r[1],
            Region {
                range: 5..10,
                targets: vec!["y".into()]
            }
        );
    }
}
