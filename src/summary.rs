//! Totals over many articles, for archive work: per-category sums and the
//! distribution of scores. Summaries of shards merge into the summary of the
//! whole (every field is a sum, a minimum, a maximum or a histogram count).
//! Sums of scores and weights are kept in fixed point ([`Fixed`]): adding
//! floating-point numbers gives a total that depends on the order shards
//! arrive in, integers do not, so any sharding merges to the same bytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::engine::Engine;
use crate::model::{Report, ScoreOptions, Voice};

/// Version of the summary JSON. Version 2 added reported-speech counts, 3
/// the highest-scoring articles, 4 fixed-point sums (summaries of different
/// versions do not merge).
pub const SCHEMA_VERSION: u32 = 4;

/// A sum kept in millionths, so that adding is exact and the same in any
/// order. In JSON it is a plain number (the millionths over a million),
/// which reads back to the same millionths for totals under about 9·10⁹.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fixed(i64);

impl Fixed {
    const SCALE: f64 = 1_000_000.0;

    /// `x` rounded to millionths (saturating at the ends of `i64`).
    pub fn from_f64(x: f64) -> Fixed {
        // `as` saturates and maps NaN to 0.
        Fixed((x * Self::SCALE).round() as i64)
    }

    /// The value as a float.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / Self::SCALE
    }
}

impl std::ops::AddAssign for Fixed {
    fn add_assign(&mut self, other: Fixed) {
        self.0 = self.0.saturating_add(other.0);
    }
}

impl Serialize for Fixed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.to_f64())
    }
}

impl<'de> Deserialize<'de> for Fixed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Fixed, D::Error> {
        f64::deserialize(d).map(Fixed::from_f64)
    }
}

/// How many of the highest-scoring articles a summary names.
pub const TOP_ARTICLES: usize = 10;

/// How many of the longest articles a summary names.
pub const LARGEST_ARTICLES: usize = 5;

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
    /// The longest articles, at most [`LARGEST_ARTICLES`], longest first.
    #[serde(default)]
    pub largest: Vec<TopArticle>,
    /// The group these articles share (`--group-by`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Every term found, lowercased, with its hits and weighted sum.
    #[serde(default)]
    pub terms: BTreeMap<String, TermTotals>,
    /// Per actor (with `--actors`): mentions and tone.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub actors: BTreeMap<String, ActorTotals>,
}

/// An actor summed over articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorTotals {
    /// Articles that mention the actor.
    pub articles: u64,
    /// Mentions.
    pub mentions: u64,
    /// Sum over articles of tone × mentions; the tone per mention over all
    /// articles is this over `mentions` ([`ActorTotals::tone`]).
    pub tone_sum: Fixed,
}

impl ActorTotals {
    /// Tone per mention (positive minus negative framing), over all articles.
    pub fn tone(&self) -> f64 {
        if self.mentions == 0 {
            0.0
        } else {
            self.tone_sum.to_f64() / self.mentions as f64
        }
    }
}

/// A term summed over articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TermTotals {
    /// Its hits.
    pub count: u64,
    /// Their weighted sum.
    pub weighted: Fixed,
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

/// A category summed over articles, in fixed point so that shards' sums add
/// up to the same total however the archive was split.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryTotals {
    /// All hits.
    pub count: usize,
    /// Hits inside quoted speech.
    pub quoted: usize,
    /// Hits in reported speech.
    pub reported: usize,
    /// Contribution to the scores' numerators.
    pub weighted: Fixed,
    /// Sum over articles of the category's hits per 1,000 words, and of its
    /// square: with `articles`, the mean and spread of the per-article
    /// density, for comparing groups.
    #[serde(default)]
    pub density_sum: Fixed,
    /// See `density_sum`.
    #[serde(default)]
    pub density_squares: Fixed,
}

/// The distribution of article scores. In JSON it also carries `median`
/// and `p90`, computed from `fine` when written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ScoreDistribution {
    /// Sum of scores (the mean is `sum / articles`), in fixed point, see
    /// [`CategoryTotals`].
    pub sum: Fixed,
    /// Sum of the scores' squares, for their spread.
    #[serde(default)]
    pub squares: Fixed,
    /// Lowest score, if any article was scored.
    pub min: Option<f64>,
    /// Highest score.
    pub max: Option<f64>,
    /// Article counts per bucket: `[upper bound or null for the rest, count]`.
    pub histogram: Vec<(Option<f64>, u64)>,
    /// Article counts by score in steps of [`FINE_STEP`]: `[step index,
    /// count]`, sparse and sorted, for the median and 90th percentile.
    #[serde(default)]
    pub fine: Vec<(u32, u64)>,
}

impl Serialize for ScoreDistribution {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("ScoreDistribution", 8)?;
        out.serialize_field("sum", &self.sum)?;
        out.serialize_field("squares", &self.squares)?;
        out.serialize_field("min", &self.min)?;
        out.serialize_field("max", &self.max)?;
        out.serialize_field("histogram", &self.histogram)?;
        out.serialize_field("fine", &self.fine)?;
        out.serialize_field("median", &self.quantile(0.5))?;
        out.serialize_field("p90", &self.quantile(0.9))?;
        out.end()
    }
}

/// Width of the fine score buckets that give the median and percentiles.
pub const FINE_STEP: f64 = 0.5;

/// Scores above this share the last fine bucket.
pub const FINE_MAX: f64 = 1000.0;

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
                sum: Fixed::default(),
                squares: Fixed::default(),
                min: None,
                max: None,
                histogram,
                fine: Vec::new(),
            },
            top: Vec::new(),
            largest: Vec::new(),
            group: None,
            terms: BTreeMap::new(),
            actors: BTreeMap::new(),
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
    /// Each term's hits and weighted sum.
    terms: BTreeMap<String, (u64, f64)>,
    /// Each actor's mentions and tone per mention.
    actors: Vec<(String, u64, f64)>,
    /// The article's group (`--group-by`).
    group: Option<String>,
}

/// How a summary names a hit's term: its text on one line, lowercased.
fn term_key(text: &str) -> String {
    // Most hits are ASCII words with single spaces: one lowercased copy.
    if text.is_ascii()
        && !text.contains(|c: char| c.is_whitespace() && c != ' ')
        && !text.contains("  ")
        && !text.starts_with(' ')
        && !text.ends_with(' ')
    {
        return text.to_ascii_lowercase();
    }
    crate::normalize::one_line(text).to_lowercase()
}

/// Adds one hit to a term table.
fn add_hit(terms: &mut BTreeMap<String, (u64, f64)>, text: &str, weighted: f64) {
    let key = term_key(text);
    let entry = terms.entry(key).or_default();
    entry.0 += 1;
    entry.1 += weighted;
}

impl ArticleTotals {
    /// The totals of an analysed article, added up without building its
    /// report's hits: what `--summary` needs, at a fraction of the cost.
    /// The same as `ArticleTotals::from(&engine.report(analysis, options))`
    /// (with actors loaded, that is what it does, for their profiles).
    pub fn of(engine: &Engine, analysis: &Analysis, options: &ScoreOptions) -> ArticleTotals {
        if engine.actors().is_some() {
            return ArticleTotals::from(&engine.report(analysis, options));
        }
        let scoring = crate::score::score(engine.rules(), analysis, options);
        let mut terms: BTreeMap<String, (u64, f64)> = BTreeMap::new();
        let (mut quoted, mut reported) = (0, 0);
        for (m, s) in analysis.matches.iter().zip(&scoring.scored) {
            add_hit(&mut terms, &analysis.text[m.start..m.end], s.weighted);
            quoted += usize::from(s.voice == Voice::Quoted);
            reported += usize::from(s.voice == Voice::Reported);
        }
        ArticleTotals {
            source: analysis
                .id
                .clone()
                .unwrap_or_else(|| analysis.source.clone()),
            words: analysis.segments.words,
            hits: analysis.matches.len(),
            quoted,
            reported,
            score: scoring.score,
            categories: scoring.categories,
            terms,
            actors: Vec::new(),
            group: None,
        }
    }
}

impl From<&Report> for ArticleTotals {
    fn from(report: &Report) -> ArticleTotals {
        let mut terms: BTreeMap<String, (u64, f64)> = BTreeMap::new();
        for hit in &report.hits {
            add_hit(&mut terms, &hit.text, hit.weighted);
        }
        ArticleTotals {
            source: top_name(report),
            words: report.words,
            hits: report.hits.len(),
            quoted: report.quoted_hits(),
            reported: report.reported_hits(),
            score: report.score,
            categories: report.categories.clone(),
            terms,
            actors: report
                .actors
                .iter()
                .flatten()
                .filter(|a| a.mentions > 0)
                .map(|a| (a.actor.clone(), a.mentions as u64, a.tone))
                .collect(),
            group: None,
        }
    }
}

impl ArticleTotals {
    /// The totals, in `group` (`--group-by`).
    pub fn in_group(mut self, group: Option<String>) -> ArticleTotals {
        self.group = group;
        self
    }

    /// The article's group, if grouped.
    pub fn group(&self) -> Option<&String> {
        self.group.as_ref()
    }
}

impl From<Report> for ArticleTotals {
    fn from(report: Report) -> ArticleTotals {
        ArticleTotals::from(&report)
    }
}

impl Summary {
    /// Adds one article's report.
    pub fn add(&mut self, report: &Report) {
        self.add_totals(&ArticleTotals::from(report));
    }

    /// Adds one article's totals.
    pub fn add_totals(&mut self, report: &ArticleTotals) {
        let article = || TopArticle {
            source: report.source.clone(),
            score: report.score,
            words: report.words,
        };
        if report.words >= MIN_WORDS {
            self.keep_top(article());
        }
        if self.largest.len() < LARGEST_ARTICLES
            || self.largest.last().is_some_and(|l| l.words <= report.words)
        {
            self.keep_largest(article());
        }
        self.articles += 1;
        self.words += report.words as u64;
        self.hits += report.hits as u64;
        self.quoted_hits += report.quoted as u64;
        self.reported_hits += report.reported as u64;
        for (name, stats) in &report.categories {
            let density = crate::model::per_thousand(stats.count as f64, report.words);
            self.add_category(
                name,
                &CategoryTotals {
                    count: stats.count,
                    quoted: stats.quoted,
                    reported: stats.reported,
                    weighted: Fixed::from_f64(stats.weighted),
                    density_sum: Fixed::from_f64(density),
                    density_squares: Fixed::from_f64(density * density),
                },
            );
        }
        for (name, mentions, tone) in &report.actors {
            self.add_actor(
                name,
                &ActorTotals {
                    articles: 1,
                    mentions: *mentions,
                    tone_sum: Fixed::from_f64(tone * *mentions as f64),
                },
            );
        }
        for (term, &(count, weighted)) in &report.terms {
            self.add_term(
                term,
                &TermTotals {
                    count,
                    weighted: Fixed::from_f64(weighted),
                },
            );
        }
        let s = report.score;
        let d = &mut self.scores;
        d.sum += Fixed::from_f64(s);
        d.squares += Fixed::from_f64(s * s);
        d.min = Some(d.min.map_or(s, |m| m.min(s)));
        d.max = Some(d.max.map_or(s, |m| m.max(s)));
        let bucket = SCORE_BUCKETS
            .iter()
            .position(|&b| s <= b)
            .unwrap_or(SCORE_BUCKETS.len());
        if let Some(slot) = d.histogram.get_mut(bucket) {
            slot.1 += 1;
        }
        add_fine(&mut d.fine, fine_index(s), 1);
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
        d.squares += o.squares;
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
        for &(index, n) in &o.fine {
            add_fine(&mut d.fine, index, n);
        }
        for article in &other.top {
            self.keep_top(article.clone());
        }
        for article in &other.largest {
            self.keep_largest(article.clone());
        }
        for (term, totals) in &other.terms {
            self.add_term(term, totals);
        }
        for (name, totals) in &other.actors {
            self.add_actor(name, totals);
        }
    }

    fn add_actor(&mut self, name: &str, add: &ActorTotals) {
        let total = slot(&mut self.actors, name);
        total.articles += add.articles;
        total.mentions += add.mentions;
        total.tone_sum += add.tone_sum;
    }

    fn add_term(&mut self, term: &str, add: &TermTotals) {
        let total = slot(&mut self.terms, term);
        total.count += add.count;
        total.weighted += add.weighted;
    }

    /// The `n` terms with the largest weighted sums, largest first (ties
    /// by term).
    pub fn top_terms(&self, n: usize) -> Vec<(&str, &TermTotals)> {
        let mut terms: Vec<(&str, &TermTotals)> =
            self.terms.iter().map(|(t, v)| (t.as_str(), v)).collect();
        terms.sort_by(|a, b| b.1.weighted.cmp(&a.1.weighted).then(a.0.cmp(b.0)));
        terms.truncate(n);
        terms
    }

    /// Shares of hits in the writer's voice, in reported speech and in
    /// quotations; `None` without hits.
    pub fn voice_shares(&self) -> Option<[f64; 3]> {
        if self.hits == 0 {
            return None;
        }
        let h = self.hits as f64;
        let authorial = self
            .hits
            .saturating_sub(self.quoted_hits + self.reported_hits);
        Some([
            authorial as f64 / h,
            self.reported_hits as f64 / h,
            self.quoted_hits as f64 / h,
        ])
    }

    /// Keeps `article` if it is among the [`TOP_ARTICLES`] highest scores;
    /// ties by source, so merging shards in any order gives one list.
    fn keep_top(&mut self, article: TopArticle) {
        keep_ranked(&mut self.top, article, TOP_ARTICLES, |t| t.score);
    }

    /// Keeps `article` if it is among the [`LARGEST_ARTICLES`] longest;
    /// ties by source, as for [`Summary::keep_top`].
    fn keep_largest(&mut self, article: TopArticle) {
        keep_ranked(&mut self.largest, article, LARGEST_ARTICLES, |t| {
            t.words as f64
        });
    }

    fn add_category(&mut self, name: &str, add: &CategoryTotals) {
        let total = slot(&mut self.categories, name);
        total.count += add.count;
        total.quoted += add.quoted;
        total.reported += add.reported;
        total.weighted += add.weighted;
        total.density_sum += add.density_sum;
        total.density_squares += add.density_squares;
    }

    /// Mean score over scored articles.
    pub fn mean_score(&self) -> f64 {
        if self.articles == 0 {
            0.0
        } else {
            self.scores.sum.to_f64() / self.articles as f64
        }
    }
}

/// How `--group-by` names an article's group: a field of its JSON Lines
/// record, or the field's first `prefix` characters (`date:7` groups
/// `2024-10-01` by month).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupBy {
    /// The record's field.
    pub field: String,
    /// How many characters of it, if not all.
    pub prefix: Option<usize>,
}

/// The group of records that lack the field.
pub const NO_GROUP: &str = "(none)";

impl std::str::FromStr for GroupBy {
    type Err = String;

    fn from_str(s: &str) -> Result<GroupBy, String> {
        // `FIELD:N` when what follows the last colon is a number; a field
        // whose name has a colon (`dc:date`) is taken whole.
        let (field, prefix) = match s.rsplit_once(':') {
            Some((field, n)) if n.parse::<i64>().is_ok() => {
                let n: usize = n
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("`{n}` is not a positive number of characters (write FIELD or FIELD:N, e.g. date:7)"))?;
                (field, Some(n))
            }
            _ => (s, None),
        };
        if field.is_empty() {
            return Err("name a field of the records, e.g. outlet or date:7".into());
        }
        Ok(GroupBy {
            field: field.to_string(),
            prefix,
        })
    }
}

impl GroupBy {
    /// The group of a record whose field holds `value`: a string as it is,
    /// a number or boolean as JSON writes it, anything else (or nothing)
    /// [`NO_GROUP`].
    pub fn key(&self, value: Option<&serde_json::Value>) -> String {
        let text = match value {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => v.to_string(),
            _ => return NO_GROUP.to_string(),
        };
        match self.prefix {
            Some(n) => text.chars().take(n).collect(),
            None => text,
        }
    }
}

/// The value of `key`, inserted as the default when missing. The key is
/// looked up before it is cloned: a name is copied once per map, not once
/// per article.
pub fn slot<'a, V: Default>(map: &'a mut BTreeMap<String, V>, key: &str) -> &'a mut V {
    if !map.contains_key(key) {
        map.insert(key.to_string(), V::default());
    }
    map.get_mut(key).expect("inserted above")
}

/// Inserts `article` into `list` (highest `by` first, ties by source, so
/// any order of arrival gives one list), keeping at most `n`.
fn keep_ranked(
    list: &mut Vec<TopArticle>,
    article: TopArticle,
    n: usize,
    by: impl Fn(&TopArticle) -> f64,
) {
    let key = by(&article);
    let at = list.partition_point(|t| by(t) > key || by(t) == key && t.source < article.source);
    if at < n {
        list.insert(at, article);
        list.truncate(n);
    }
}

fn fine_index(score: f64) -> u32 {
    (score.clamp(0.0, FINE_MAX) / FINE_STEP).floor() as u32
}

/// Adds `n` to the fine bucket `index`, keeping the list sorted.
fn add_fine(fine: &mut Vec<(u32, u64)>, index: u32, n: u64) {
    match fine.binary_search_by_key(&index, |&(i, _)| i) {
        Ok(at) => fine[at].1 += n,
        Err(at) => fine.insert(at, (index, n)),
    }
}

impl ScoreDistribution {
    /// The score below which a share `q` of the articles lie, to within
    /// [`FINE_STEP`]: the middle of the fine bucket holding the article of
    /// that rank.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        let articles: u64 = self.fine.iter().map(|&(_, n)| n).sum();
        if articles == 0 {
            return None;
        }
        let rank = ((articles as f64 * q).ceil() as u64).max(1);
        let mut seen = 0;
        for &(index, n) in &self.fine {
            seen += n;
            if seen >= rank {
                // Scores past FINE_MAX share the last bucket: its middle
                // says nothing, the highest score is the honest bound.
                if index >= fine_index(FINE_MAX) {
                    return self.max;
                }
                let middle = (f64::from(index) + 0.5) * FINE_STEP;
                // Never outside the scores seen (all zeros: 0, not 0.25).
                return Some(match (self.min, self.max) {
                    (Some(lo), Some(hi)) => middle.clamp(lo, hi),
                    _ => middle,
                });
            }
        }
        None
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

    fn totals(score: f64) -> ArticleTotals {
        ArticleTotals {
            source: format!("a{score}"),
            words: 100,
            hits: 0,
            quoted: 0,
            reported: 0,
            score,
            categories: BTreeMap::new(),
            terms: BTreeMap::new(),
            actors: Vec::new(),
            group: None,
        }
    }

    #[test]
    fn group_by_reads_a_prefix_only_after_a_number() {
        let g: GroupBy = "date:7".parse().unwrap();
        assert_eq!((g.field.as_str(), g.prefix), ("date", Some(7)));
        let g: GroupBy = "dc:date".parse().unwrap();
        assert_eq!((g.field.as_str(), g.prefix), ("dc:date", None));
        assert!("date:0".parse::<GroupBy>().is_err());
        assert!("date:-2".parse::<GroupBy>().is_err());
        assert!(":7".parse::<GroupBy>().is_err());
    }

    #[test]
    fn quantiles_stay_within_the_scores_seen() {
        let mut s = Summary::default();
        for _ in 0..3 {
            s.add_totals(&totals(0.0));
        }
        assert_eq!(s.scores.quantile(0.5), Some(0.0));
        let mut s = Summary::default();
        for x in [1333.0, 1500.0, 2000.0] {
            s.add_totals(&totals(x));
        }
        assert_eq!(s.scores.quantile(0.5), Some(2000.0));
        let mut s = Summary::default();
        for x in [2.0, 3.2, 9.9] {
            s.add_totals(&totals(x));
        }
        assert_eq!(s.scores.quantile(0.5), Some(3.25));
    }

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

#[cfg(test)]
mod tests {
    #[test]
    fn term_keys_are_the_hit_text_on_one_line_lowercased() {
        for text in [
            "So-Called",
            "so  called",
            " Regime ",
            "a\u{B}b",
            "a\tb",
            "ÉTÉ",
            "a\nb",
        ] {
            assert_eq!(
                super::term_key(text),
                crate::normalize::one_line(text).to_lowercase(),
                "{text:?}"
            );
        }
    }
}
