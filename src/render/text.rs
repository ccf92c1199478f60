//! Text for people: a report per article, a ranking, a side-by-side
//! comparison, summaries and evaluations, fitted to a width and colored
//! only when the emitter is told to.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use super::{Emitter, Paint, TextStyle, file_name, fit, wrap};
use crate::align::{Alignment, Pair};
use crate::analysis::Analysis;
use crate::compare::{ActorDelta, Comparison, Difference, GroupComparison, Leaning, Side};
use crate::eval::EvalReport;
use crate::model::{ActorProfile, Hit, Report, Voice};
use crate::normalize::one_line;
use crate::rules::RuleSet;
use crate::summary::{Ranking, Sort, Summary};

/// The text emitter.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    width: usize,
    paint: Paint,
    rules: Option<&'a RuleSet>,
    all_facts: bool,
}

impl<'a> Text<'a> {
    /// A text emitter; with `rules`, hit lines carry each rule's message
    /// and suggestion.
    pub fn new(style: TextStyle, rules: Option<&'a RuleSet>) -> Text<'a> {
        Text {
            width: style.width,
            paint: Paint::new(style.color),
            rules,
            all_facts: style.all_facts,
        }
    }

    fn p(&self, s: ColoredString) -> String {
        self.paint.paint(&s)
    }
}

/// `12.345` as `12.35`.
fn num(x: f64) -> String {
    format!("{x:.2}")
}

/// `−0.36`, `+0.50`, `0.00`.
fn signed(x: f64) -> String {
    if x.abs() < 0.005 {
        "0.00".to_string()
    } else {
        format!("{x:+.2}")
    }
}

/// `text` red for a negative tone, green for a positive one.
/// `text` magenta for a negative tone, cyan for a positive one: red and
/// green mean left and right in a comparison, so tone has colours of its
/// own.
fn by_tone(text: String, tone: f64) -> ColoredString {
    if tone < -0.005 {
        text.magenta()
    } else if tone > 0.005 {
        text.cyan()
    } else {
        text.normal()
    }
}

fn hits_summary(r: &Report) -> String {
    let n = r.hits.len();
    format!(
        "{n} {} ({} authorial, {} reported, {} quoted)",
        if n == 1 { "hit" } else { "hits" },
        r.authorial_hits(),
        r.reported_hits(),
        r.quoted_hits()
    )
}

/// `[quoted] ` or `[reported] ` before a hit's advice; nothing for the
/// writer's own voice.
fn voice_mark(voice: Voice) -> &'static str {
    match voice {
        Voice::Authorial => "",
        Voice::Reported => "[reported] ",
        Voice::Quoted => "[quoted] ",
    }
}

/// "2 neutral, 1 loaded".
fn speech_summary(p: &ActorProfile) -> String {
    let a = &p.attribution;
    if a.neutral + a.loaded == 0 {
        return "none".to_string();
    }
    format!("{} neutral, {} loaded", a.neutral, a.loaded)
}

impl Emitter for Text<'_> {
    fn separator(&self, w: &mut dyn Write, index: usize) -> io::Result<()> {
        if index > 0 {
            writeln!(w)?;
        }
        Ok(())
    }

    /// Header, category table, then each hit with its rule's advice.
    fn report(&self, w: &mut dyn Write, report: &Report, _: Option<&Analysis>) -> io::Result<()> {
        match &report.id {
            Some(id) => writeln!(
                w,
                "{} {}",
                self.p(report.source.bold()),
                self.p(format!("({id})").dimmed())
            )?,
            None => writeln!(w, "{}", self.p(report.source.bold()))?,
        }
        if !report.title.is_empty() {
            writeln!(w, "{}", fit(&report.title, self.width))?;
        }
        let parts = [
            format!("score {}", num(report.score)),
            format!("{} words", report.words),
            hits_summary(report),
        ];
        let line = parts.join("  ·  ");
        // On one line when it fits, else a part a line.
        let lines: Vec<String> = if line.chars().count() <= self.width {
            vec![line]
        } else {
            parts.iter().flat_map(|p| wrap(p, self.width)).collect()
        };
        for (i, line) in lines.into_iter().enumerate() {
            if let Some(rest) = line.strip_prefix("score ").filter(|_| i == 0) {
                // The score in bold.
                let (n, tail) = rest.split_at(rest.find(' ').unwrap_or(rest.len()));
                writeln!(w, "score {}{tail}", self.p(n.bold()))?;
            } else {
                writeln!(w, "{line}")?;
            }
        }
        if report.hits.is_empty() {
            writeln!(w, "no flagged terms")?;
            return Ok(());
        }
        if !report.topics.is_empty() {
            let topics: Vec<String> = report
                .topics
                .iter()
                .map(|t| {
                    let place = if t.in_headline {
                        ", in the headline"
                    } else {
                        ""
                    };
                    format!("{} ({}×{place})", t.term, t.count)
                })
                .collect();
            let line = format!(
                "the story's subject, repeats weighed 1/n: {}",
                topics.join(", ")
            );
            for line in wrap(&line, self.width) {
                writeln!(w, "{}", self.p(line.dimmed()))?;
            }
        }
        writeln!(w)?;
        if self.width < TABLE_WIDTH {
            // Too narrow for the table: a category a line, wrapped.
            for (name, stats) in &report.categories {
                let line = format!(
                    "{name}: {} hits ({} reported, {} quoted), {}/1k, weighted {}",
                    stats.count,
                    stats.reported,
                    stats.quoted,
                    num(report.density(stats.count)),
                    num(stats.weighted)
                );
                for (i, part) in wrap(&line, self.width.saturating_sub(4).max(20))
                    .into_iter()
                    .enumerate()
                {
                    writeln!(w, "{}{part}", if i == 0 { "  " } else { "    " })?;
                }
            }
        } else {
            writeln!(
                w,
                "  {:<14} {:>5} {:>8} {:>7} {:>8} {:>9}",
                "category", "hits", "reported", "quoted", "per 1k", "weighted"
            )?;
        }
        for (name, stats) in report
            .categories
            .iter()
            .filter(|_| self.width >= TABLE_WIDTH)
        {
            writeln!(
                w,
                "  {:<14} {:>5} {:>8} {:>7} {:>8} {:>9}",
                name,
                stats.count,
                stats.reported,
                stats.quoted,
                num(report.density(stats.count)),
                num(stats.weighted)
            )?;
        }
        writeln!(w)?;
        // One hit a line, `path:line:col: rule-id "surface" — message`, as
        // ripgrep and Vale print them, so terminals and editors can jump to
        // the place and the id says what to explain or disable. Long lines
        // wrap under themselves.
        for hit in &report.hits {
            let location = match &report.id {
                Some(id) => format!("{}[{id}]:{}:{}", report.source, hit.line, hit.column),
                None => format!("{}:{}:{}", report.source, hit.line, hit.column),
            };
            let advice = match self.rules.and_then(|r| r.rule(&hit.rule)) {
                Some(r) => match &r.suggestion {
                    Some(s) => format!(" — {} -> {}", r.message, s),
                    None => format!(" — {}", r.message),
                },
                None => String::new(),
            };
            let marks = format!(
                "{}{}{}",
                voice_mark(hit.voice),
                if hit.negated { "[negated] " } else { "" },
                match hit.topic {
                    Some(n) if n > 1 => format!("[repeat {n}] "),
                    _ => String::new(),
                },
            );
            let head = format!(
                "{location}: {} \"{}\"{}{}",
                hit.rule,
                one_line(&hit.text),
                if marks.is_empty() { "" } else { " " },
                marks.trim_end(),
            );
            // One line when it fits; otherwise the advice goes under the
            // place, indented, wrapped at the width.
            let width = self.width.max(20);
            let mut lines = vec![format!("{head}{advice}")];
            if lines[0].chars().count() > width && !advice.is_empty() {
                lines = vec![head];
                lines.extend(
                    wrap(advice.trim_start(), width - 4)
                        .into_iter()
                        .map(|l| format!("    {l}")),
                );
            }
            for line in lines {
                // Only the writer's own voice is shown at full strength.
                if hit.voice == Voice::Authorial {
                    writeln!(w, "{line}")?;
                } else {
                    writeln!(w, "{}", self.p(line.dimmed()))?;
                }
            }
        }
        if !report.suppressed.is_empty() {
            // Silenced hits are named, not hidden: a reviewer sees what a
            // writer chose to keep.
            let n = report.suppressed.len();
            let places: Vec<String> = report
                .suppressed
                .iter()
                .map(|h| {
                    format!(
                        "{} \"{}\" at {}:{}",
                        h.rule,
                        one_line(&h.text),
                        h.line,
                        h.column
                    )
                })
                .collect();
            let line = format!(
                "{n} {} silenced by slant-disable comments, not scored: {}",
                if n == 1 { "hit" } else { "hits" },
                places.join(", ")
            );
            for line in wrap(&line, self.width.max(20)) {
                writeln!(w, "{}", self.p(line.dimmed()))?;
            }
        }
        if let Some(actors) = report.actors.as_ref().filter(|a| !a.is_empty()) {
            writeln!(w)?;
            self.actor_table(w, actors)?;
        }
        Ok(())
    }

    /// With more than one report, a ranking.
    fn finish(&self, w: &mut dyn Write, count: usize, ranking: &Ranking) -> io::Result<()> {
        // A ranking of one article ranks nothing; `--top 1` of many does.
        if count < 2 || ranking.entries.is_empty() && ranking.too_short == 0 {
            return Ok(());
        }
        let by = match ranking.sort {
            Sort::Score => "score",
            Sort::Words => "words",
            Sort::Name => "name",
        };
        writeln!(w)?;
        writeln!(w, "{}", self.p(format!("ranking by {by}").bold()))?;
        writeln!(
            w,
            "  {:>4} {:>8} {:>5} {:>7}  source",
            "rank", "score", "hits", "words"
        )?;
        let source_width = self.width.saturating_sub(30).max(10);
        for (i, r) in ranking.entries.iter().enumerate() {
            writeln!(
                w,
                "  {:>4} {:>8} {:>5} {:>7}  {}",
                i + 1,
                num(r.score),
                r.hits,
                r.words,
                fit(&r.source, source_width)
            )?;
        }
        if ranking.too_short > 0 {
            let n = ranking.too_short;
            writeln!(
                w,
                "{}",
                self.p(format!(
                    "  ({n} shorter {} left out: see --min-words)",
                    if n == 1 { "article" } else { "articles" }
                )
                .dimmed())
            )?;
        }
        Ok(())
    }

    /// Two groups: sizes, the mean scores with the interval of their
    /// difference, then per category and per term.
    fn group_comparison(&self, w: &mut dyn Write, c: &GroupComparison) -> io::Result<()> {
        let width = self.width.clamp(40, MAX_WIDTH);
        let (left_name, right_name) = (printable(&c.left), printable(&c.right));
        for (side, name, i) in [("LEFT ", &left_name, 0), ("RIGHT", &right_name, 1)] {
            let mark = if i == 0 {
                side.red().bold()
            } else {
                side.green().bold()
            };
            let line = format!(
                "{name}: {} articles, {} words, mean score {}",
                c.articles[i],
                c.words[i],
                num(if i == 0 { c.score.left } else { c.score.right })
            );
            writeln!(
                w,
                "{} {}",
                self.p(mark),
                fit(&line, width.saturating_sub(6))
            )?;
        }
        let interval = |d: &Difference| {
            d.interval.map_or("-".to_string(), |[lo, hi]| {
                format!("{} to {}", signed(lo), signed(hi))
            })
        };
        let s = &c.score;
        let verdict = if !s.is_clear() {
            format!(
                "No clear difference in mean score: {} against {} per 1,000 words (difference {}, 95% interval {}).",
                num(s.left),
                num(s.right),
                signed(s.difference),
                interval(s)
            )
        } else {
            let (more, less) = if s.difference > 0.0 {
                (&left_name, &right_name)
            } else {
                (&right_name, &left_name)
            };
            format!(
                "{more} frames more than {less}: mean score {} against {} per 1,000 words (difference {}, 95% interval {}).",
                num(s.left),
                num(s.right),
                signed(s.difference),
                interval(s)
            )
        };
        for line in wrap(&verdict, width) {
            writeln!(w, "{}", self.p(line.bold()))?;
        }
        writeln!(w)?;
        writeln!(
            w,
            "{}",
            self.p(format!(
                "{:<14} {:>8} {:>8} {:>8}  {}",
                "category", "left/1k", "right/1k", "diff", "95% interval"
            )
            .bold())
        )?;
        for (name, d) in &c.categories {
            let line = format!(
                "{:<14} {:>8} {:>8} {:>8}  {}{}",
                fit(name, 14),
                num(d.left),
                num(d.right),
                signed(d.difference),
                interval(d),
                if d.is_clear() { "  *" } else { "" }
            );
            let colored = match (d.is_clear(), d.difference > 0.0) {
                (true, true) => self.p(line.red()),
                (true, false) => self.p(line.green()),
                _ => line,
            };
            writeln!(w, "{colored}")?;
        }
        let note = "per 1,000 words, the mean over articles; *: the 95% interval leaves out 0, so the difference is unlikely to be noise (normal approximation over articles, see docs/compare.md)";
        for line in wrap(note, width) {
            writeln!(w, "{}", self.p(line.dimmed()))?;
        }
        if !c.terms.is_empty() {
            writeln!(w)?;
            writeln!(
                w,
                "{}",
                self.p(format!(
                    "{:<40} {:>8} {:>8}",
                    "terms per 1k (- more left, + more right)", "left", "right"
                )
                .bold())
            )?;
            for t in &c.terms {
                let sign = match t.left.total_cmp(&t.right) {
                    std::cmp::Ordering::Greater => "-",
                    std::cmp::Ordering::Less => "+",
                    std::cmp::Ordering::Equal => " ",
                };
                writeln!(
                    w,
                    "{sign} {:<38} {:>8} {:>8}",
                    fit(&t.term, 38),
                    num(t.left),
                    num(t.right)
                )?;
            }
        }
        Ok(())
    }

    /// A table, a group a row: size, scores and the writer's share of
    /// hits, then the terms that weigh most, on a line of their own.
    fn groups(&self, w: &mut dyn Write, groups: &[Summary]) -> io::Result<()> {
        let name_width = groups
            .iter()
            .map(|g| g.group.as_deref().unwrap_or("").chars().count())
            .max()
            .unwrap_or(5)
            .clamp(5, 24)
            .min(self.width.saturating_sub(40).max(5));
        writeln!(
            w,
            "{}",
            self.p(format!(
                "{:<name_width$} {:>8} {:>9} {:>6} {:>6} {:>6} {:>5}",
                "group", "articles", "words", "mean", "median", "p90", "auth"
            )
            .bold())
        )?;
        for g in groups {
            let opt = |x: Option<f64>| x.map_or("-".to_string(), num);
            let authorial = g
                .voice_shares()
                .map_or("-".to_string(), |v| format!("{:.0}%", v[0] * 100.0));
            writeln!(
                w,
                "{:<name_width$} {:>8} {:>9} {:>6} {:>6} {:>6} {:>5}",
                fit(&printable(g.group.as_deref().unwrap_or("")), name_width),
                g.articles,
                g.words,
                num(g.mean_score()),
                opt(g.scores.quantile(0.5)),
                opt(g.scores.quantile(0.9)),
                authorial
            )?;
            let terms: Vec<&str> = g.top_terms(8).into_iter().map(|(t, _)| t).collect();
            if !terms.is_empty() {
                let line = format!("top terms: {}", terms.join(", "));
                for part in wrap(&line, self.width.saturating_sub(2).max(20)) {
                    writeln!(w, "  {}", self.p(part.dimmed()))?;
                }
            }
            if !g.actors.is_empty() {
                let mut actors: Vec<_> = g.actors.iter().collect();
                actors.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(b.0)));
                let named: Vec<String> = actors
                    .iter()
                    .take(6)
                    .map(|(name, a)| format!("{name} {} ({}×)", signed(a.tone()), a.mentions))
                    .collect();
                let line = format!("actors, tone per mention: {}", named.join(", "));
                for part in wrap(&line, self.width.saturating_sub(2).max(20)) {
                    writeln!(w, "  {}", self.p(part.dimmed()))?;
                }
            }
        }
        let legend = "mean, median, p90: scores per 1,000 words (median and p90 to within 0.5); auth: share of hits in the writer's own voice";
        for part in wrap(legend, self.width.max(20)) {
            writeln!(w, "{}", self.p(part.dimmed()))?;
        }
        Ok(())
    }

    fn summary(&self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        writeln!(
            w,
            "{} articles ({} skipped) · {} words · {} hits ({} reported, {} quoted) · mean score {}",
            s.articles,
            s.skipped,
            s.words,
            s.hits,
            s.reported_hits,
            s.quoted_hits,
            num(s.mean_score())
        )?;
        if let (Some(min), Some(max)) = (s.scores.min, s.scores.max) {
            writeln!(w, "scores from {} to {}", num(min), num(max))?;
        }
        writeln!(w)?;
        writeln!(
            w,
            "  {:<14} {:>9} {:>9} {:>9} {:>8} {:>11}",
            "category", "hits", "reported", "quoted", "per 1k", "weighted"
        )?;
        for (name, stats) in &s.categories {
            let per_k = crate::model::per_thousand(stats.count as f64, s.words as usize);
            writeln!(
                w,
                "  {:<14} {:>9} {:>9} {:>9} {:>8} {:>11}",
                name,
                stats.count,
                stats.reported,
                stats.quoted,
                num(per_k),
                num(stats.weighted.to_f64())
            )?;
        }
        if !s.top.is_empty() {
            writeln!(w)?;
            writeln!(
                w,
                "  highest scores (articles of {} words or more)",
                crate::summary::MIN_WORDS
            )?;
            for t in &s.top {
                writeln!(
                    w,
                    "  {:>8} {:>7}  {}",
                    num(t.score),
                    t.words,
                    fit(&t.source, self.width.saturating_sub(22).max(10))
                )?;
            }
        }
        if !s.largest.is_empty() {
            writeln!(w)?;
            writeln!(w, "  longest articles (words, score)")?;
            for t in &s.largest {
                writeln!(
                    w,
                    "  {:>8} {:>7}  {}",
                    t.words,
                    num(t.score),
                    fit(&t.source, self.width.saturating_sub(22).max(10))
                )?;
            }
        }
        writeln!(w)?;
        writeln!(w, "  {:<14} {:>9}", "score up to", "articles")?;
        for (bound, count) in &s.scores.histogram {
            let label = bound.map_or("more".to_string(), num);
            writeln!(w, "  {label:<14} {count:>9}")?;
        }
        Ok(())
    }

    /// Summary, verdict, categories, terms, actors and, with `texts`, each
    /// hit in its sentence: side by side where two columns show every
    /// number, one side after the other where they cannot.
    fn comparison(
        &self,
        w: &mut dyn Write,
        c: &Comparison,
        texts: Option<[&Analysis; 2]>,
    ) -> io::Result<()> {
        let cols = Columns::new(self.width, self.paint, number_width(c));
        // Everything below the table keeps to its width, so prose does not
        // run past the columns on wide terminals.
        let width = cols
            .as_ref()
            .map_or(self.width.min(MAX_WIDTH), Columns::width);
        match &cols {
            Some(cols) => self.sides_in_columns(w, c, cols)?,
            None => self.sides_stacked(w, c, width)?,
        }
        // The verdict comes first, so the answer is on the first screen.
        match &cols {
            Some(cols) => cols.rule(w, '┴')?,
            None => writeln!(w, "{}", "─".repeat(width))?,
        }
        for line in wrap(&verdict(c), width) {
            writeln!(w, "{}", self.p(line.bold()))?;
        }
        if let Some(a) = c.alignment.as_ref().filter(|a| a.few_shared) {
            let note = format!(
                "These articles share few facts ({:.0}% of sentences pair up): they may report different events, and the verdict then compares two stories, not two framings of one.",
                a.shared * 100.0
            );
            for line in wrap(&note, width) {
                writeln!(w, "{line}")?;
            }
        }
        if self.paint.is_on() {
            // One meaning per colour, said once.
            let legend = "red: the left source, where it frames more; green: the right";
            for line in wrap(legend, width) {
                writeln!(w, "{}", self.p(line.dimmed()))?;
            }
        }
        match &cols {
            Some(cols) => {
                cols.rule(w, '┬')?;
                self.categories_in_columns(w, c, cols)?;
            }
            None => {
                writeln!(w, "{}", "─".repeat(width))?;
                self.categories_stacked(w, c, width)?;
            }
        }
        if let Some(a) = &c.alignment {
            writeln!(w)?;
            self.alignment(w, a, width)?;
        }
        writeln!(w)?;
        self.terms_diff(w, c, width)?;
        if c.engaged_actors().next().is_some() {
            writeln!(w)?;
            self.actor_section(w, c, cols.as_ref(), width)?;
        }
        if let Some([left, right]) = texts {
            writeln!(w)?;
            self.context(w, "LEFT".red().bold(), &c.left, left, width)?;
            writeln!(w)?;
            self.context(w, "RIGHT".green().bold(), &c.right, right, width)?;
        }
        Ok(())
    }

    fn eval(&self, w: &mut dyn Write, name: &str, r: &EvalReport) -> io::Result<()> {
        writeln!(
            w,
            "{} {} records",
            self.p(format!("{name}:").bold()),
            r.records
        )?;
        if let Some(s) = &r.sentence {
            writeln!(w)?;
            writeln!(
                w,
                "{} ({} labelled records; biased when the authorial score > {})",
                self.p("sentence level".bold()),
                s.records,
                s.threshold
            )?;
            writeln!(
                w,
                "  biased class: precision {}  recall {}  F1 {}   macro F1 {}",
                num(s.precision),
                num(s.recall),
                num(s.f1),
                self.p(num(s.macro_f1).bold())
            )?;
            let c = &s.confusion;
            writeln!(
                w,
                "  {} biased found, {} non-biased flagged, {} non-biased passed, {} biased missed",
                c.tp, c.fp, c.tn, c.fn_
            )?;
        }
        if let Some(m) = &r.words {
            writeln!(w)?;
            writeln!(
                w,
                "{}",
                self.p("word level (a hit is true when it overlaps an annotated span)".bold())
            )?;
            writeln!(
                w,
                "  precision {}  recall {}  F1 {}   ({} hits, {} true; {} of {} spans found)",
                num(m.precision),
                num(m.recall),
                self.p(num(m.f1).bold()),
                m.hits,
                m.true_hits,
                m.found,
                m.spans
            )?;
            if let Some(a) = &r.authorial_words {
                writeln!(
                    w,
                    "  the writer's voice: authorial hits against spans outside quotations: precision {}  recall {}  F1 {}   ({} hits, {} true; {} of {} spans found)",
                    num(a.precision),
                    num(a.recall),
                    self.p(num(a.f1).bold()),
                    a.hits,
                    a.true_hits,
                    a.found,
                    a.spans
                )?;
            }
            if r.span_labels.len() > 1 {
                writeln!(
                    w,
                    "  {:<34} {:>6} {:>6} {:>7} {:>9}",
                    "span label", "spans", "found", "recall", "precision"
                )?;
                for l in &r.span_labels {
                    writeln!(
                        w,
                        "  {:<34} {:>6} {:>6} {:>7} {:>9}",
                        fit(&l.label, 34),
                        l.spans,
                        l.found,
                        num(l.recall),
                        num(l.precision)
                    )?;
                }
            }
        }
        if let Some(o) = &r.ordering {
            writeln!(w)?;
            writeln!(
                w,
                "{}",
                self.p("same-event ordering (lexical spans per 1,000 words)".bold())
            )?;
            writeln!(
                w,
                "  {} events, {} pairs with different densities, {} ordered alike: accuracy {}",
                o.events,
                o.pairs,
                o.agreeing,
                self.p(num(o.accuracy).bold())
            )?;
        }
        if let Some(n) = &r.neutralize {
            writeln!(w)?;
            writeln!(
                w,
                "{}",
                self.p(
                    "neutralizing (slant fix --review against the human's neutral version)".bold()
                )
            )?;
            for (label, m) in [("all pairs", &n.all), ("single-word edits", &n.single_word)] {
                writeln!(
                    w,
                    "  {label}: {} pairs; edited word found {} ({} of {}), top-1 {} ({}); rewritten {}, exactly as the human {} ({} of {})",
                    m.pairs,
                    num(m.detection),
                    m.detected,
                    m.with_edited_word,
                    num(m.top1_accuracy),
                    m.top1,
                    m.rewritten,
                    self.p(num(m.rewrite_accuracy).bold()),
                    m.exact,
                    m.pairs
                )?;
            }
        }
        for (title, rows) in [("categories", &r.categories), ("rules", &r.rules)] {
            if rows.is_empty() {
                continue;
            }
            writeln!(w)?;
            writeln!(
                w,
                "{}",
                self.p(format!("{title}, most false hits first").bold())
            )?;
            writeln!(
                w,
                "  {:<34} {:>6} {:>6} {:>6} {:>9}",
                "", "hits", "true", "false", "precision"
            )?;
            for m in rows.iter() {
                writeln!(
                    w,
                    "  {:<34} {:>6} {:>6} {:>6} {:>9}",
                    fit(&m.name, 34),
                    m.hits,
                    m.true_hits,
                    m.false_hits,
                    num(m.precision)
                )?;
            }
        }
        if !r.misses.is_empty() {
            writeln!(w)?;
            writeln!(
                w,
                "{}",
                self.p("annotated words no rule caught, most frequent first".bold())
            )?;
            for (word, n) in &r.misses {
                writeln!(w, "  {n:>5}  {}", one_line(word))?;
            }
        }
        Ok(())
    }
}

impl Text<'_> {
    /// The actors of one report: mentions, framing hits by polarity, tone,
    /// statements and terms.
    fn actor_table(&self, w: &mut dyn Write, actors: &[ActorProfile]) -> io::Result<()> {
        writeln!(
            w,
            "  {:<16} {:>8} {:>5} {:>5} {:>7} {:>6}  statements",
            "actor", "mentions", "neg", "pos", "neutral", "tone"
        )?;
        for p in actors {
            let neg = p.negative.total();
            let pos = p.positive.total();
            let neu = p.neutral.total();
            // Padded before painting, so escape codes do not count as width.
            let tone = self
                .paint
                .paint(&by_tone(format!("{:>6}", signed(p.tone)), p.tone));
            writeln!(
                w,
                "  {:<16} {:>8} {:>5} {:>5} {:>7} {}  {}",
                fit(&p.actor, 16),
                p.mentions,
                neg,
                pos,
                neu,
                tone,
                speech_summary(p)
            )?;
            let indent = 19;
            if !p.terms.is_empty() {
                for line in wrap(
                    &format!("framed by: {}", p.terms.join(", ")),
                    self.width.saturating_sub(indent).max(20),
                ) {
                    writeln!(w, "{:indent$}{}", "", self.p(line.dimmed()))?;
                }
            }
            let a = &p.attribution;
            if a.neutral + a.loaded > 0 {
                let says = format!(
                    "says: {} ({:.0}% with a direct quote)",
                    a.verbs.join(", "),
                    a.direct_quote_share * 100.0
                );
                for line in wrap(&says, self.width.saturating_sub(indent).max(20)) {
                    writeln!(w, "{:indent$}{}", "", self.p(line.dimmed()))?;
                }
            }
        }
        Ok(())
    }

    /// The two sources' names, titles and totals, side by side.
    fn sides_in_columns(
        &self,
        w: &mut dyn Write,
        c: &Comparison,
        cols: &Columns,
    ) -> io::Result<()> {
        let (l, r) = (&c.left, &c.right);
        cols.row(w, "", "LEFT".red().bold(), "RIGHT".green().bold())?;
        cols.row(
            w,
            "source",
            file_name(&l.source).bold(),
            file_name(&r.source).bold(),
        )?;
        let (lt, rt) = (
            title_lines(&l.title, cols.side),
            title_lines(&r.title, cols.side),
        );
        for i in 0..lt.len().max(rt.len()) {
            let line = |t: &[String]| t.get(i).map_or(String::new(), Clone::clone);
            cols.row(
                w,
                if i == 0 { "title" } else { "" },
                line(&lt).normal(),
                line(&rt).normal(),
            )?;
        }
        cols.rule(w, '┼')?;
        for (long, short, left, right) in summary_rows(c) {
            cols.row(w, cols.label(long, short), left, right)?;
        }
        Ok(())
    }

    /// The two sources' names, titles and totals, the left block above the
    /// right, one `label  value` row each.
    fn sides_stacked(&self, w: &mut dyn Write, c: &Comparison, width: usize) -> io::Result<()> {
        let value = width.saturating_sub(STACK_LABEL + 2).max(1);
        let rows = summary_rows(c);
        let row = |w: &mut dyn Write, label: &str, v: ColoredString| {
            writeln!(w, "{label:<STACK_LABEL$}  {}", self.p(v))
        };
        let sides = [
            ("LEFT".red().bold(), &c.left),
            ("RIGHT".green().bold(), &c.right),
        ];
        for (i, (name, side)) in sides.into_iter().enumerate() {
            if i > 0 {
                writeln!(w)?;
            }
            writeln!(w, "{}", self.p(name))?;
            row(w, "source", fit(file_name(&side.source), value).bold())?;
            for (j, line) in title_lines(&side.title, value).into_iter().enumerate() {
                row(w, if j == 0 { "title" } else { "" }, line.normal())?;
            }
            for (long, short, left, right) in &rows {
                let label = if long.chars().count() <= STACK_LABEL {
                    long
                } else {
                    short
                };
                row(w, label, if i == 0 { left } else { right }.clone())?;
            }
        }
        Ok(())
    }

    /// Per category, each side's count and density, side by side.
    fn categories_in_columns(
        &self,
        w: &mut dyn Write,
        c: &Comparison,
        cols: &Columns,
    ) -> io::Result<()> {
        // The long form (with "/1k") only where every cell has room for it.
        let roomy = cols.side >= category_width(c, true);
        for cat in &c.categories {
            cols.row(
                w,
                &cat.category,
                category_cell(&cat.left, &cat.right, roomy, true),
                category_cell(&cat.right, &cat.left, roomy, false),
            )?;
        }
        Ok(())
    }

    /// Per category, a row for the left side and one for the right, under
    /// a header aligned with the numbers.
    fn categories_stacked(
        &self,
        w: &mut dyn Write,
        c: &Comparison,
        width: usize,
    ) -> io::Result<()> {
        let sides = || c.categories.iter().flat_map(|k| [&k.left, &k.right]);
        let counts = sides()
            .map(|s| s.count.to_string().len())
            .max()
            .unwrap_or(0);
        let counts = counts.max("hits".len());
        let densities = sides().map(|s| num(s.density).len()).max().unwrap_or(0);
        let densities = densities.max("per 1k".len());
        let more = |s: &Side, o: &Side| {
            let diff = s.density - o.density;
            (diff > 0.0).then(|| format!("+{}", num(diff)))
        };
        let mores = c
            .categories
            .iter()
            .flat_map(|k| [more(&k.left, &k.right), more(&k.right, &k.left)])
            .flatten()
            .map(|m| m.len().max("more".len()))
            .max();
        let more_width = mores.map_or(0, |m| m + 2);
        // Category names give way before any number does.
        let rest = 2 + "right".len() + 2 + counts + 2 + densities + more_width;
        let names = c.categories.iter().map(|k| k.category.chars().count());
        let names = names.max().unwrap_or(0).max("category".len());
        let lw = names.min(width.saturating_sub(rest)).max(1);
        let mut header = format!(
            "{:<lw$}  {:<5}  {:>counts$}  {:>densities$}",
            fit("category", lw),
            "side",
            "hits",
            "per 1k"
        );
        if let Some(m) = mores {
            header.push_str(&format!("  {:>m$}", "more"));
        }
        writeln!(w, "{}", self.p(header.dimmed()))?;
        for cat in &c.categories {
            for (left, s, o) in [
                (true, &cat.left, &cat.right),
                (false, &cat.right, &cat.left),
            ] {
                let label = if left {
                    fit(&cat.category, lw)
                } else {
                    String::new()
                };
                let mut text = format!(
                    "{:<5}  {:>counts$}  {:>densities$}",
                    if left { "left" } else { "right" },
                    s.count,
                    num(s.density)
                );
                let cell = match (more(s, o), mores) {
                    (Some(plus), Some(m)) => {
                        text.push_str(&format!("  {plus:>m$}"));
                        if left { text.red() } else { text.green() }
                    }
                    _ => text.normal(),
                };
                writeln!(w, "{label:<lw$}  {}", self.p(cell))?;
            }
        }
        Ok(())
    }

    /// Who is framed how, side by side or one side under the other, with
    /// the terms that differ.
    fn actor_section(
        &self,
        w: &mut dyn Write,
        c: &Comparison,
        cols: Option<&Columns>,
        width: usize,
    ) -> io::Result<()> {
        let legend = "ACTORS (tone: weight of positive minus negative hits, per mention; magenta negative, cyan positive)";
        for (i, line) in wrap(legend, width).into_iter().enumerate() {
            // "ACTORS" in bold, the legend dimmed.
            match line.strip_prefix("ACTORS").filter(|_| i == 0) {
                Some(rest) => writeln!(w, "{}{}", self.p("ACTORS".bold()), self.p(rest.dimmed()))?,
                None => writeln!(w, "{}", self.p(line.dimmed()))?,
            }
        }
        match cols {
            Some(cols) => cols.rule(w, '┬')?,
            None => writeln!(w, "{}", "─".repeat(width))?,
        }
        // Stacked, a side's name stands before its cells: "  right  ".
        let indent = 2 + "right".len() + 2;
        let room = cols.map_or(width.saturating_sub(indent), |cols| cols.side);
        let roomy = room >= actor_width(c, true);
        for d in c.engaged_actors() {
            let (l, r) = (actor_cells(&d.left, roomy), actor_cells(&d.right, roomy));
            match cols {
                Some(cols) => {
                    for i in 0..l.len().max(r.len()) {
                        let label = if i == 0 { d.actor.as_str() } else { "" };
                        let get =
                            |v: &[ColoredString]| v.get(i).cloned().unwrap_or_else(|| "".normal());
                        cols.row(w, label, get(&l), get(&r))?;
                    }
                }
                None => {
                    writeln!(w, "{}", fit(&d.actor, width))?;
                    for (name, cells) in [("left", l), ("right", r)] {
                        // Nothing is cut here: there is room below.
                        let lines = cells.iter().flat_map(|cell| {
                            wrap(&cell.input, room.max(1)).into_iter().map(|part| {
                                let mut part_cell = cell.clone();
                                part_cell.input = part;
                                part_cell
                            })
                        });
                        for (i, line) in lines.enumerate() {
                            let name = if i == 0 { name } else { "" };
                            writeln!(w, "  {name:<5}  {}", self.p(line))?;
                        }
                    }
                }
            }
            // The terms' lines start under the cells, or at the margin when
            // stacked; each line stays inside the width.
            let start = cols.map_or(2, |cols| cols.label + 2);
            for (sign, list, paint) in actor_terms(d) {
                for (i, part) in wrap(&list.join(", "), width.saturating_sub(start))
                    .into_iter()
                    .enumerate()
                {
                    let mark = if i == 0 { sign } else { ' ' };
                    let line = format!("{mark}{:<w$}{part}", "", w = start - 1);
                    writeln!(w, "{}", self.p(paint(line)))?;
                }
            }
        }
        Ok(())
    }

    /// The `-`/`+`/` ` list of terms, most used first, inside `width`: a
    /// long term wraps under itself, a number is never cut, and the
    /// headers stand over their numbers.
    fn terms_diff(&self, w: &mut dyn Write, c: &Comparison, width: usize) -> io::Result<()> {
        if c.terms.is_empty() {
            return writeln!(w, "no flagged terms in either source");
        }
        let digits = |n: usize| n.to_string().len();
        let lw = c.terms.iter().map(|t| digits(t.left)).max().unwrap_or(0);
        let rw = c.terms.iter().map(|t| digits(t.right)).max().unwrap_or(0);
        let (lw, rw) = (lw.max(5), rw.max(5));
        let categories = c.terms.iter().map(|t| t.category.chars().count());
        let categories = categories.max().unwrap_or(0).max("category".len());
        // "- " term " " left " " right "  " category
        let fixed = 2 + 1 + lw + 1 + rw + 2;
        let terms = c.terms.iter().map(|t| t.term.chars().count());
        let terms = terms.max().unwrap_or(0);
        // The term column takes what the numbers and categories leave, up
        // to its widest; where that is little, it takes room from the
        // categories, but no more than its terms need.
        let term_width = width
            .saturating_sub(fixed + categories)
            .min(MAX_TERM)
            .max(terms.min(MIN_TERM));
        let category_width = width.saturating_sub(fixed + term_width).max(1);
        let legend = "terms (- left only, + right only)";
        // The legend heads the term column where it fits there, and stands
        // on its own line above the header where it does not, so the
        // headers keep over their numbers.
        let first = if legend.chars().count() <= term_width {
            legend
        } else {
            for line in wrap(legend, width) {
                writeln!(w, "{}", self.p(line.bold()))?;
            }
            "term"
        };
        let header = format!(
            "  {first:<term_width$} {:>lw$} {:>rw$}  {}",
            "left",
            "right",
            fit("category", category_width)
        );
        writeln!(w, "{}", self.p(header.bold()))?;
        for t in &c.terms {
            let (sign, paint): (char, Tint) = match (t.left, t.right) {
                (_, 0) => ('-', |s| s.red()),
                (0, _) => ('+', |s| s.green()),
                _ => (' ', |s| s.normal()),
            };
            let parts = wrap(&t.term, term_width);
            let line = format!(
                "{sign} {:<term_width$} {:>lw$} {:>rw$}  {}",
                parts.first().map_or("", String::as_str),
                t.left,
                t.right,
                fit(&t.category, category_width)
            );
            writeln!(w, "{}", self.p(paint(line)))?;
            for part in parts.iter().skip(1) {
                writeln!(w, "{}", self.p(paint(format!("  {part}"))))?;
            }
        }
        Ok(())
    }

    /// The same facts in each source's words, where their framing differs,
    /// then what only one source reports.
    fn alignment(&self, w: &mut dyn Write, a: &Alignment, width: usize) -> io::Result<()> {
        let differ = a.framed_differently();
        let (pairs_shown, facts_shown) = if self.all_facts {
            (usize::MAX, usize::MAX)
        } else {
            (PAIRS_SHOWN, FACTS_SHOWN)
        };
        let more = if self.all_facts {
            ""
        } else {
            ", --all-facts for all"
        };
        if a.pairs.is_empty() {
            writeln!(
                w,
                "{}",
                self.p("No sentence of one source reports a fact of the other.".bold())
            )?;
        } else if differ.is_empty() {
            let head = match a.pairs.len() {
                1 => "One sentence of each source reports the same fact, in alike framing."
                    .to_string(),
                n => format!("{n} sentences of each source report the same facts, framed alike."),
            };
            self.head(w, &head, width)?;
        } else {
            let head = format!(
                "the same fact, framed differently: {} of {} aligned pairs (- left, + right{})",
                differ.len(),
                a.pairs.len(),
                if differ.len() > pairs_shown { more } else { "" }
            );
            self.head(w, &head, width)?;
            for pair in differ.iter().take(pairs_shown) {
                self.pair(w, pair, width)?;
            }
        }
        for (only, left) in [(&a.left_only, true), (&a.right_only, false)] {
            if only.is_empty() {
                continue;
            }
            writeln!(w)?;
            let side = if left { "left" } else { "right" };
            let shown = Alignment::most_salient(only, facts_shown);
            let head = if shown.len() < only.len() {
                format!(
                    "only in the {side} source: {}; the {} that say most{more}",
                    sentences(only.len()),
                    shown.len()
                )
            } else {
                format!("only in the {side} source: {}", sentences(only.len()))
            };
            self.head(w, &head, width)?;
            for s in shown {
                self.marked_sentence(w, &s.text, &[], &[], left, width)?;
            }
        }
        Ok(())
    }

    /// A bold heading, wrapped.
    fn head(&self, w: &mut dyn Write, head: &str, width: usize) -> io::Result<()> {
        for line in wrap(head, width) {
            writeln!(w, "{}", self.p(line.bold()))?;
        }
        Ok(())
    }

    fn pair(&self, w: &mut dyn Write, pair: &Pair, width: usize) -> io::Result<()> {
        writeln!(w)?;
        let (l, r) = (&pair.left_text, &pair.right_text);
        self.marked_sentence(w, l, &pair.left_marks, &pair.left_changed, true, width)?;
        self.marked_sentence(w, r, &pair.right_marks, &pair.right_changed, false, width)?;
        let hits = |hits: &[Hit]| {
            hits.iter()
                .map(|h| format!("{} ({})", one_line(&h.text).to_lowercase(), h.category))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (l, r) = (hits(&pair.left_hits), hits(&pair.right_hits));
        let none = "no flagged term";
        let note = format!(
            "left: {}; right: {}",
            if l.is_empty() { none } else { &l },
            if r.is_empty() { none } else { &r }
        );
        for line in wrap(&note, width.saturating_sub(2).max(20)) {
            writeln!(w, "  {}", self.p(line.dimmed()))?;
        }
        Ok(())
    }

    /// A sentence after its `-` or `+`, wrapped: loaded terms in the side's
    /// colour (in brackets without colour), words the other side lacks
    /// underlined.
    fn marked_sentence(
        &self,
        w: &mut dyn Write,
        text: &str,
        marks: &[std::ops::Range<usize>],
        changed: &[std::ops::Range<usize>],
        left: bool,
        width: usize,
    ) -> io::Result<()> {
        let width = width.saturating_sub(2).max(20);
        let overlaps = |ranges: &[std::ops::Range<usize>], start: usize, end: usize| {
            ranges.iter().any(|r| r.start < end && start < r.end)
        };
        // Marks and changed words are in order, like the words: two
        // pointers give each word the few ranges near it (a scan of every
        // range per word cost words × ranges).
        let (mut mi, mut ci) = (0, 0);
        let mut lines: Vec<(usize, String)> = vec![(0, String::new())];
        for word in text.split(char::is_whitespace) {
            if word.is_empty() {
                continue;
            }
            // A sub-slice of `text`: its offset is the pointers' distance.
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            // A word too long for a line is cut (rare: a URL).
            let word = if word.chars().count() > width - 2 {
                &word[..word
                    .char_indices()
                    .nth(width - 2)
                    .map_or(word.len(), |(i, _)| i)]
            } else {
                word
            };
            let end = start + word.len();
            while marks.get(mi).is_some_and(|m| m.end <= start) {
                mi += 1;
            }
            while changed.get(ci).is_some_and(|c| c.end <= start) {
                ci += 1;
            }
            let near_marks = &marks[mi.min(marks.len())..];
            let near_marks = &near_marks[..near_marks.partition_point(|m| m.start < end)];
            let near_changed = &changed[ci.min(changed.len())..];
            let near_changed = &near_changed[..near_changed.partition_point(|c| c.start < end)];
            // The word in pieces at the edges of loaded terms: a term is in
            // the side's colour, or bracketed without colour ("[rammed
            // through]", as in --context); words the other side lacks are
            // underlined.
            let mut cuts = vec![0, word.len()];
            for m in near_marks.iter().filter(|m| m.start < end && start < m.end) {
                cuts.extend([m.start.max(start) - start, m.end.min(end) - start]);
            }
            cuts.sort_unstable();
            cuts.dedup();
            let mut styled = String::new();
            let mut len = 0;
            for piece in cuts.windows(2) {
                let (a, b) = (piece[0], piece[1]);
                let Some(text) = word.get(a..b) else { continue };
                let loaded = overlaps(near_marks, start + a, start + b);
                len += text.chars().count();
                if !loaded {
                    if overlaps(near_changed, start, end) {
                        styled.push_str(&self.p(text.underline()));
                    } else {
                        styled.push_str(text);
                    }
                } else if self.paint.is_on() {
                    let c = if left {
                        text.red().bold()
                    } else {
                        text.green().bold()
                    };
                    styled.push_str(&self.p(c));
                } else {
                    let opens = near_marks.iter().any(|m| m.start == start + a);
                    let closes = near_marks.iter().any(|m| m.end == start + b);
                    len += usize::from(opens) + usize::from(closes);
                    styled.push_str(&format!(
                        "{}{text}{}",
                        if opens { "[" } else { "" },
                        if closes { "]" } else { "" }
                    ));
                }
            }
            let line = lines.last_mut().expect("one line at least");
            if line.0 > 0 && line.0 + 1 + len > width {
                lines.push((len, styled));
            } else {
                if line.0 > 0 {
                    line.1.push(' ');
                    line.0 += 1;
                }
                line.0 += len;
                line.1.push_str(&styled);
            }
        }
        let sign = if left {
            self.p("-".red())
        } else {
            self.p("+".green())
        };
        for (i, (_, line)) in lines.iter().enumerate() {
            let lead = if i == 0 { sign.as_str() } else { " " };
            writeln!(w, "{lead} {line}")?;
        }
        Ok(())
    }

    /// Each hit of one source in its sentence, the term highlighted.
    fn context(
        &self,
        w: &mut dyn Write,
        side: ColoredString,
        report: &Report,
        analysis: &Analysis,
        width: usize,
    ) -> io::Result<()> {
        // The file's name where its whole path does not fit.
        let room = width.saturating_sub(side.input.chars().count() + 1);
        let source = if report.source.chars().count() <= room {
            report.source.as_str()
        } else {
            file_name(&report.source)
        };
        writeln!(w, "{} {}", self.p(side), self.p(fit(source, room).bold()))?;
        let width = width.saturating_sub(12).max(20);
        for hit in &report.hits {
            let (before, term, after) = sentence_parts(analysis, hit);
            let position = format!("{}:{}", hit.line, hit.column);
            let voice = match hit.voice {
                Voice::Authorial => "",
                Voice::Reported => " (reported)",
                Voice::Quoted => " (quoted)",
            };
            writeln!(
                w,
                "  {position:<8} {}{voice}",
                self.p(hit.category.dimmed())
            )?;
            // The whole sentence, wrapped at spaces; the term in brackets,
            // or highlighted in colour where it stands whole on a line.
            let marked = format!("[{term}]");
            let plain = format!("{before}{marked}{after}");
            for line in wrap(&plain, width) {
                let line = if self.paint.is_on() && line.contains(&marked) {
                    line.replacen(&marked, &self.p(term.as_str().bold().underline()), 1)
                } else {
                    line
                };
                writeln!(w, "           {line}")?;
            }
        }
        Ok(())
    }
}

/// One plain-words sentence on which source frames more, and by how much.
pub fn verdict(c: &Comparison) -> String {
    let (l, r) = (file_name(&c.left.source), file_name(&c.right.source));
    let v = &c.verdict;
    let (ls, rs) = (v.left_score, v.right_score);
    let per = "weighted hits per 1,000 words";
    match (v.leaning, v.times) {
        (Leaning::Neither, _) => "Neither source uses a flagged term.".to_string(),
        (Leaning::Left, None) => format!(
            "The left source ({l}) frames ({ls:.1} {per}); the right source ({r}) uses no flagged terms."
        ),
        (Leaning::Right, None) => format!(
            "The right source ({r}) frames ({rs:.1} {per}); the left source ({l}) uses no flagged terms."
        ),
        (Leaning::Left, Some(t)) => format!(
            "The left source ({l}) frames about {t:.1} times as much as the right source ({r}): {ls:.1} against {rs:.1} {per}."
        ),
        (Leaning::Right, Some(t)) => format!(
            "The right source ({r}) frames about {t:.1} times as much as the left source ({l}): {rs:.1} against {ls:.1} {per}."
        ),
        (Leaning::Even, _) => {
            format!("The two sources frame about equally: {ls:.1} and {rs:.1} {per}.")
        }
    }
}

/// A value, colored toward its side when it is the larger.
fn marked(this: f64, other: f64, text: String, left: bool) -> ColoredString {
    match (this > other, left) {
        (true, true) => text.red().bold(),
        (true, false) => text.green().bold(),
        _ => text.normal(),
    }
}

fn sentences(n: usize) -> String {
    if n == 1 {
        "1 sentence".to_string()
    } else {
        format!("{n} sentences")
    }
}

/// `s` with control characters (a terminal escape in the data) shown as
/// `�`, so a value from an archive cannot drive the terminal.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// Width of the per-category table of a report.
const TABLE_WIDTH: usize = 58;

/// Aligned pairs framed differently shown without `--all-facts`.
const PAIRS_SHOWN: usize = 5;

/// Facts only one source reports shown per side without `--all-facts`.
const FACTS_SHOWN: usize = 3;

/// Widest a side of the side-by-side view grows.
const MAX_SIDE: usize = 48;

/// Narrowest side the side-by-side view uses, even where the numbers need
/// less: a file name or a title cut shorter says nothing.
const MIN_SIDE: usize = 17;

/// Narrowest label column of the side-by-side view (the labels' short
/// forms fit it).
const MIN_LABEL: usize = 12;

/// Widest a comparison grows: the side-by-side view at its widest.
const MAX_WIDTH: usize = 18 + 6 + 2 * MAX_SIDE;

/// Label column of the stacked view ("authorial hits" fits).
const STACK_LABEL: usize = 14;

/// Narrowest and widest term column of the terms diff.
const MIN_TERM: usize = 14;
const MAX_TERM: usize = 40;

/// A title wrapped at `width`, on two lines at most; a cut second line
/// ends with `…`.
fn title_lines(title: &str, width: usize) -> Vec<String> {
    let mut lines = wrap(title, width);
    if lines.len() > 2 {
        lines.truncate(2);
        lines[1] = fit(&format!("{} …", lines[1]), width);
    }
    lines
}

/// The totals of a comparison, each with its long label, its short one and
/// the two sides' values, the larger marked.
fn summary_rows(c: &Comparison) -> [(&'static str, &'static str, ColoredString, ColoredString); 5] {
    let (l, r) = (&c.left, &c.right);
    let (la, ra) = (l.authorial_hits(), r.authorial_hits());
    let plain = |n: usize| n.to_string().normal();
    [
        (
            "score per 1k words",
            "score per 1k",
            marked(l.score, r.score, num(l.score), true),
            marked(r.score, l.score, num(r.score), false),
        ),
        ("words", "words", plain(l.words), plain(r.words)),
        (
            "authorial hits",
            "authorial",
            marked(la as f64, ra as f64, la.to_string(), true),
            marked(ra as f64, la as f64, ra.to_string(), false),
        ),
        (
            "reported hits",
            "reported",
            plain(l.reported_hits()),
            plain(r.reported_hits()),
        ),
        (
            "quoted hits",
            "quoted",
            plain(l.quoted_hits()),
            plain(r.quoted_hits()),
        ),
    ]
}

/// One side's category cell: count, density and, on the denser side, by
/// how much; `roomy` adds "/1k" and wider gaps.
fn category_text(side: &Side, other: &Side, roomy: bool) -> String {
    let text = if roomy {
        format!("{:>3}  {:>6}/1k", side.count, num(side.density))
    } else {
        format!("{:>3} {:>6}", side.count, num(side.density))
    };
    let diff = side.density - other.density;
    if diff > 0.0 {
        let gap = if roomy { "  " } else { " " };
        format!("{text}{gap}+{}", num(diff))
    } else {
        text
    }
}

/// [`category_text`], red or green on the denser side.
fn category_cell(side: &Side, other: &Side, roomy: bool, left: bool) -> ColoredString {
    let text = category_text(side, other, roomy);
    match (side.density > other.density, left) {
        (true, true) => text.red(),
        (true, false) => text.green(),
        _ => text.normal(),
    }
}

/// The widest category cell of `c`.
fn category_width(c: &Comparison, roomy: bool) -> usize {
    c.categories
        .iter()
        .flat_map(|k| {
            [
                category_text(&k.left, &k.right, roomy),
                category_text(&k.right, &k.left, roomy),
            ]
        })
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0)
}

/// An actor's mentions and tone: "3 mentions, tone -1.00", or "3×, tone
/// -1.00" where there is less room.
fn actor_text(p: &ActorProfile, roomy: bool) -> String {
    if roomy {
        let plural = if p.mentions == 1 { "" } else { "s" };
        format!("{} mention{plural}, tone {}", p.mentions, signed(p.tone))
    } else {
        format!("{}×, tone {}", p.mentions, signed(p.tone))
    }
}

/// The widest [`actor_text`] of the actors `c` shows.
fn actor_width(c: &Comparison, roomy: bool) -> usize {
    c.engaged_actors()
        .flat_map(|d| [&d.left, &d.right])
        .flatten()
        .map(|p| actor_text(p, roomy).chars().count())
        .max()
        .unwrap_or(0)
}

/// One side's cells for an actor: mentions and tone, then the speech verbs
/// (yellow when any is loaded).
fn actor_cells(p: &Option<ActorProfile>, roomy: bool) -> Vec<ColoredString> {
    let Some(p) = p else {
        return vec!["not mentioned".dimmed()];
    };
    let mut lines = vec![by_tone(actor_text(p, roomy), p.tone)];
    let a = &p.attribution;
    if a.neutral + a.loaded > 0 {
        let verbs = format!("says: {}", a.verbs.join(", "));
        lines.push(if a.loaded > 0 {
            verbs.yellow()
        } else {
            verbs.normal()
        });
    }
    lines
}

/// How a line is coloured.
type Tint = fn(String) -> ColoredString;

/// The terms framing an actor: the left's own (`-`, red), both sides' (` `)
/// and the right's own (`+`, green).
fn actor_terms(d: &ActorDelta) -> [(char, Vec<&str>, Tint); 3] {
    fn terms(p: &Option<ActorProfile>) -> &[String] {
        p.as_ref().map_or(&[], |p| p.terms.as_slice())
    }
    fn pick<'a>(from: &'a [String], other: &[String], shared: bool) -> Vec<&'a str> {
        from.iter()
            .filter(|t| other.contains(t) == shared)
            .map(String::as_str)
            .collect()
    }
    let (lt, rt) = (terms(&d.left), terms(&d.right));
    [
        ('-', pick(lt, rt, false), |s| s.red()),
        (' ', pick(lt, rt, true), |s| s.normal()),
        ('+', pick(rt, lt, false), |s| s.green()),
    ]
}

/// The widest cell with a number in it, in the side-by-side view's short
/// forms: a side narrower than this would cut a number.
fn number_width(c: &Comparison) -> usize {
    let totals = summary_rows(c)
        .into_iter()
        .flat_map(|(_, _, l, r)| [l.input.chars().count(), r.input.chars().count()])
        .max()
        .unwrap_or(0);
    totals
        .max(category_width(c, false))
        .max(actor_width(c, false))
}

/// Column widths of the side-by-side view.
struct Columns {
    label: usize,
    side: usize,
    paint: Paint,
}

impl Columns {
    /// The columns for `width`, or `None` where two sides as wide as the
    /// widest cell with a number (`numbers`) do not fit.
    fn new(width: usize, paint: Paint, numbers: usize) -> Option<Columns> {
        let need = numbers.max(MIN_SIDE);
        // label + " │ " + side + " │ " + side; wide terminals do not
        // stretch a side past what it shows.
        let side = |label: usize| (width.saturating_sub(label + 6) / 2).min(MAX_SIDE);
        let label = match width {
            80.. => 18,
            60.. => 15,
            _ => MIN_LABEL,
        };
        // A narrower label column (the labels have short forms) before the
        // numbers lose their room.
        let label = if side(label) >= need {
            label
        } else {
            MIN_LABEL
        };
        let side = side(label);
        (side >= need).then_some(Columns { label, side, paint })
    }

    /// The width of a full row.
    fn width(&self) -> usize {
        self.label + 2 * self.side + 6
    }

    /// `long` as a row label, or `short` where the label column is narrow.
    fn label<'a>(&self, long: &'a str, short: &'a str) -> &'a str {
        if long.chars().count() <= self.label {
            long
        } else {
            short
        }
    }

    fn row(
        &self,
        w: &mut dyn Write,
        label: &str,
        left: ColoredString,
        right: ColoredString,
    ) -> io::Result<()> {
        let right = self.paint.paint(&{
            let mut r = right.clone();
            r.input = fit(&right.input, self.side);
            r
        });
        writeln!(
            w,
            "{:<lw$} │ {} │ {}",
            fit(label, self.label),
            self.paint.padded(&left, self.side),
            right,
            lw = self.label,
        )
    }

    /// A horizontal line, crossing the column lines with `cross`
    /// (`┼` inside a table, `┴` to close it, `┬` to open one).
    fn rule(&self, w: &mut dyn Write, cross: char) -> io::Result<()> {
        writeln!(
            w,
            "{}{cross}{}{cross}{}",
            "─".repeat(self.label + 1),
            "─".repeat(self.side + 2),
            "─".repeat(self.side + 1)
        )
    }
}

/// The hit's sentence on one line: the text before the term (with the
/// space that stood before it), the term, and the text after.
fn sentence_parts(analysis: &Analysis, hit: &Hit) -> (String, String, String) {
    let text = analysis.text.as_str();
    // Reports give input offsets; the text is sliced at text offsets.
    let at = |input: usize| analysis.to_text(input).unwrap_or(0);
    let (start, end) = (at(hit.start), at(hit.end));
    let (s, e) = (at(hit.sentence[0]).min(start), at(hit.sentence[1]).max(end));
    let get = |a: usize, b: usize| text.get(a..b).unwrap_or("");
    let mut before = one_line(get(s, start));
    if get(s, start).ends_with(char::is_whitespace) && !before.is_empty() {
        before.push(' ');
    }
    let mut after = one_line(get(end, e));
    if get(end, e).starts_with(char::is_whitespace) && !after.is_empty() {
        after.insert(0, ' ');
    }
    (before, one_line(get(start, end)), after)
}
