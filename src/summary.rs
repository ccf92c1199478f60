//! Totals over many articles, for archive work: per-category sums and the
//! distribution of scores. Summaries of shards merge into the summary of the
//! whole (every field is a sum, a minimum, a maximum or a histogram count).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::Report;

/// Version of the summary JSON. Version 2 added reported-speech counts, 3
/// the highest-scoring articles (summaries of different versions do not
/// merge).
pub const SCHEMA_VERSION: u32 = 3;

/// How many of the highest-scoring articles a summary names.
pub const TOP_ARTICLES: usize = 10;

/// Upper bounds (inclusive) of the score histogram's buckets; a last bucket
/// holds everything above the final bound.
pub const SCORE_BUCKETS: [f64; 9] = [0.0, 1.0, 2.5, 5.0, 10.0, 20.0, 40.0, 80.0, 160.0];

/// Totals over articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Version of this JSON shape.
    pub schema_version: u32,
    /// Articles scored.
    pub articles: u64,
    /// Inputs that could not be scored (reported on stderr).
    pub skipped: u64,
    /// Words in all scored articles.
    pub words: u64,
    /// Hits in all articles.
    pub hits: u64,
    /// Hits inside quoted speech.
    pub quoted_hits: u64,
    /// Hits in reported speech.
    pub reported_hits: u64,
    /// Per category, summed.
    pub categories: BTreeMap<String, CategoryTotals>,
    /// How scores are distributed.
    pub scores: ScoreDistribution,
    /// The highest-scoring articles of at least [`MIN_WORDS`] words, at
    /// most [`TOP_ARTICLES`], highest first.
    pub top: Vec<TopArticle>,
}

/// One of a summary's highest-scoring articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopArticle {
    /// Its id (JSON Lines), or its source.
    pub source: String,
    /// Its score.
    pub score: f64,
    /// Its words.
    pub words: usize,
}

/// A category summed over articles. Unlike a report's numbers these are not
/// rounded in JSON: shards' summaries are added up, and rounding each shard
/// would make the total depend on how the archive was split.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryTotals {
    /// All hits.
    pub count: usize,
    /// Hits inside quoted speech.
    pub quoted: usize,
    /// Hits in reported speech.
    pub reported: usize,
    /// Contribution to the scores' numerators.
    pub weighted: f64,
}

/// The distribution of article scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreDistribution {
    /// Sum of scores (the mean is `sum / articles`); not rounded, see
    /// [`CategoryTotals`].
    pub sum: f64,
    /// Lowest score, if any article was scored.
    pub min: Option<f64>,
    /// Highest score.
    pub max: Option<f64>,
    /// Article counts per bucket: `[upper bound or null for the rest, count]`.
    pub histogram: Vec<(Option<f64>, u64)>,
}

impl Default for Summary {
    fn default() -> Self {
        let mut histogram: Vec<(Option<f64>, u64)> =
            SCORE_BUCKETS.iter().map(|&b| (Some(b), 0)).collect();
        histogram.push((None, 0));
        Summary {
            schema_version: SCHEMA_VERSION,
            articles: 0,
            skipped: 0,
            words: 0,
            hits: 0,
            quoted_hits: 0,
            reported_hits: 0,
            categories: BTreeMap::new(),
            scores: ScoreDistribution {
                sum: 0.0,
                min: None,
                max: None,
                histogram,
            },
            top: Vec::new(),
        }
    }
}

/// What a summary keeps of one report: its totals, without the hits, so a
/// worker can drop the hits where it made them instead of handing them to
/// the single thread that adds up the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleTotals {
    source: String,
    words: usize,
    hits: usize,
    quoted: usize,
    reported: usize,
    score: f64,
    categories: BTreeMap<String, crate::model::CategoryStats>,
}

impl From<Report> for ArticleTotals {
    fn from(report: Report) -> ArticleTotals {
        ArticleTotals {
            source: top_name(&report),
            words: report.words,
            hits: report.hits.len(),
            quoted: report.quoted_hits(),
            reported: report.reported_hits(),
            score: report.score,
            categories: report.categories,
        }
    }
}

impl Summary {
    /// Adds one article's report.
    pub fn add(&mut self, report: &Report) {
        self.add_totals(&ArticleTotals {
            source: top_name(report),
            words: report.words,
            hits: report.hits.len(),
            quoted: report.quoted_hits(),
            reported: report.reported_hits(),
            score: report.score,
            categories: report.categories.clone(),
        });
    }

    /// Adds one article's totals.
    pub fn add_totals(&mut self, report: &ArticleTotals) {
        if report.words >= MIN_WORDS {
            self.keep_top(TopArticle {
                source: report.source.clone(),
                score: report.score,
                words: report.words,
            });
        }
        self.articles += 1;
        self.words += report.words as u64;
        self.hits += report.hits as u64;
        self.quoted_hits += report.quoted as u64;
        self.reported_hits += report.reported as u64;
        for (name, stats) in &report.categories {
            self.add_category(
                name,
                &CategoryTotals {
                    count: stats.count,
                    quoted: stats.quoted,
                    reported: stats.reported,
                    weighted: stats.weighted,
                },
            );
        }
        let s = report.score;
        let d = &mut self.scores;
        d.sum += s;
        d.min = Some(d.min.map_or(s, |m| m.min(s)));
        d.max = Some(d.max.map_or(s, |m| m.max(s)));
        let bucket = SCORE_BUCKETS
            .iter()
            .position(|&b| s <= b)
            .unwrap_or(SCORE_BUCKETS.len());
        if let Some(slot) = d.histogram.get_mut(bucket) {
            slot.1 += 1;
        }
    }

    /// Adds another summary (of another shard) to this one.
    pub fn merge(&mut self, other: &Summary) {
        self.articles += other.articles;
        self.skipped += other.skipped;
        self.words += other.words;
        self.hits += other.hits;
        self.quoted_hits += other.quoted_hits;
        self.reported_hits += other.reported_hits;
        for (name, stats) in &other.categories {
            self.add_category(name, stats);
        }
        let (d, o) = (&mut self.scores, &other.scores);
        d.sum += o.sum;
        d.min = match (d.min, o.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        d.max = match (d.max, o.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        for (slot, (_, n)) in d.histogram.iter_mut().zip(&o.histogram) {
            slot.1 += n;
        }
        for article in &other.top {
            self.keep_top(article.clone());
        }
    }

    /// Keeps `article` if it is among the [`TOP_ARTICLES`] highest scores;
    /// ties by source, so merging shards in any order gives one list.
    fn keep_top(&mut self, article: TopArticle) {
        let at = self.top.partition_point(|t| {
            t.score > article.score || t.score == article.score && t.source < article.source
        });
        if at < TOP_ARTICLES {
            self.top.insert(at, article);
            self.top.truncate(TOP_ARTICLES);
        }
    }

    fn add_category(&mut self, name: &str, add: &CategoryTotals) {
        // Look up before inserting: the name is cloned once per category,
        // not once per article.
        if !self.categories.contains_key(name) {
            self.categories
                .insert(name.to_string(), CategoryTotals::default());
        }
        if let Some(total) = self.categories.get_mut(name) {
            total.count += add.count;
            total.quoted += add.quoted;
            total.reported += add.reported;
            total.weighted += add.weighted;
        }
    }

    /// Mean score over scored articles.
    pub fn mean_score(&self) -> f64 {
        if self.articles == 0 {
            0.0
        } else {
            self.scores.sum / self.articles as f64
        }
    }
}

/// The figures of a report that a ranking shows, kept without its hits so
/// a long run does not hold every report.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// The report's source (with its id for a JSON Lines record).
    pub source: String,
    /// Its score.
    pub score: f64,
    /// Its number of hits.
    pub hits: usize,
    /// Its word count.
    pub words: usize,
    /// Its place in the output (0 for the first report written), for a
    /// link to it; the caller sets it, as a report does not know it.
    pub place: usize,
    /// Its categories that weigh most, at most [`RANKED_CATEGORIES`],
    /// heaviest first.
    pub categories: Vec<String>,
}

/// How many categories a [`Ranked`] names.
pub const RANKED_CATEGORIES: usize = 3;

/// How a summary names a top article: by its id when it has one, since
/// shards of an archive read from standard input share the source `-`.
fn top_name(r: &Report) -> String {
    r.id.clone().unwrap_or_else(|| r.source.clone())
}

/// A report's source as rankings name it.
fn ranked_name(r: &Report) -> String {
    match &r.id {
        Some(id) => format!("{} ({id})", r.source),
        None => r.source.clone(),
    }
}

impl From<&Report> for Ranked {
    fn from(r: &Report) -> Ranked {
        Ranked {
            source: ranked_name(r),
            score: r.score,
            hits: r.hits.len(),
            words: r.words,
            place: 0,
            categories: top_categories(r),
        }
    }
}

/// The categories of a report that weigh most, heaviest first (ties by
/// name, as the map is ordered).
fn top_categories(r: &Report) -> Vec<String> {
    let mut weighed: Vec<(&String, f64)> = r
        .categories
        .iter()
        .filter(|(_, s)| s.count > 0)
        .map(|(name, s)| (name, s.weighted))
        .collect();
    weighed.sort_by(|a, b| b.1.total_cmp(&a.1));
    weighed
        .into_iter()
        .take(RANKED_CATEGORIES)
        .map(|(name, _)| name.clone())
        .collect()
}

/// How a ranking orders articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Highest score first.
    #[default]
    Score,
    /// Longest first.
    Words,
    /// By source name.
    Name,
}

/// Which articles a ranking shows, and in which order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankingOptions {
    /// The order.
    pub sort: Sort,
    /// At most this many (all when `None`).
    pub top: Option<usize>,
    /// Articles shorter than this are left out: a six-word caption with one
    /// hit scores in the hundreds and would top any ranking.
    pub min_words: usize,
}

/// The default of [`RankingOptions::min_words`].
pub const MIN_WORDS: usize = 50;

impl Default for RankingOptions {
    fn default() -> Self {
        RankingOptions {
            sort: Sort::Score,
            top: None,
            min_words: MIN_WORDS,
        }
    }
}

/// A ranking: the articles shown, and how many were left out as too short.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ranking {
    /// The order.
    pub sort: Sort,
    /// In order.
    pub entries: Vec<Ranked>,
    /// Articles under the word minimum.
    pub too_short: usize,
}

/// Articles ranked as `options` say; ties by source, so the order never
/// depends on the order of arrival.
pub fn ranking(entries: Vec<Ranked>, options: &RankingOptions) -> Ranking {
    let total = entries.len();
    let mut entries: Vec<Ranked> = entries
        .into_iter()
        .filter(|r| r.words >= options.min_words)
        .collect();
    let too_short = total - entries.len();
    entries.sort_by(|a, b| {
        let primary = match options.sort {
            Sort::Score => b.score.total_cmp(&a.score),
            Sort::Words => b.words.cmp(&a.words),
            Sort::Name => std::cmp::Ordering::Equal,
        };
        primary.then(a.source.cmp(&b.source))
    });
    if let Some(top) = options.top {
        entries.truncate(top);
    }
    Ranking {
        sort: options.sort,
        entries,
        too_short,
    }
}

#[cfg(test)]
mod ranking_tests {
    use super::*;

    fn r(source: &str, score: f64, words: usize) -> Ranked {
        Ranked {
            source: source.into(),
            score,
            hits: 1,
            words,
            place: 0,
            categories: Vec::new(),
        }
    }

    #[test]
    fn short_articles_are_left_out_and_the_rest_sorted() {
        let all = vec![r("b", 5.0, 400), r("caption", 666.0, 6), r("a", 9.0, 100)];
        let ranked = ranking(all.clone(), &RankingOptions::default());
        let names: Vec<&str> = ranked.entries.iter().map(|e| e.source.as_str()).collect();
        assert_eq!((names, ranked.too_short), (vec!["a", "b"], 1));
        let by_words = RankingOptions {
            sort: Sort::Words,
            top: Some(1),
            min_words: 0,
        };
        assert_eq!(ranking(all, &by_words).entries[0].source, "b");
    }
}
