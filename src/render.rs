//! Rendering reports and comparisons for people (text) and machines (JSON).
//!
//! Every function writes to any [`Write`], so tests render into a buffer.
//! Colors come from the `colored` crate and follow its global switch, which
//! the binary sets from `--color` and `NO_COLOR`; with colors off the output
//! is plain text with the same layout.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use crate::actors::ActorProfile;
use crate::compare::Comparison;
use crate::eval::EvalReport;
use crate::normalize::one_line;
use crate::rules::RuleSet;
use crate::score::{Hit, Report};
use crate::summary::Summary;

/// Layout settings for text output.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    /// Total width in columns (the terminal's, or 80 when not a terminal).
    pub width: usize,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle { width: 80 }
    }
}

/// Writes reports as one pretty JSON array.
pub fn reports_json(w: &mut dyn Write, reports: &[Report]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, reports)?;
    writeln!(w)
}

/// Writes one report as an element of a pretty JSON array (indented by two
/// spaces, no separator), so arrays can be streamed one report at a time.
pub fn report_json_element(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    let pretty = serde_json::to_string_pretty(report)?;
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            w.write_all(b"\n")?;
        }
        write!(w, "  {line}")?;
    }
    Ok(())
}

/// Writes totals over many articles.
pub fn summary_text(w: &mut dyn Write, s: &Summary) -> io::Result<()> {
    writeln!(
        w,
        "{} articles ({} skipped) · {} words · {} hits ({} quoted) · mean score {}",
        s.articles,
        s.skipped,
        s.words,
        s.hits,
        s.quoted_hits,
        num(s.mean_score())
    )?;
    if let (Some(min), Some(max)) = (s.scores.min, s.scores.max) {
        writeln!(w, "scores from {} to {}", num(min), num(max))?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "  {:<14} {:>9} {:>9} {:>8} {:>11}",
        "category", "hits", "quoted", "per 1k", "weighted"
    )?;
    for (name, stats) in &s.categories {
        let per_k = if s.words == 0 {
            0.0
        } else {
            stats.count as f64 / s.words as f64 * 1000.0
        };
        writeln!(
            w,
            "  {:<14} {:>9} {:>9} {:>8} {:>11}",
            name,
            stats.count,
            stats.quoted,
            num(per_k),
            num(stats.weighted)
        )?;
    }
    writeln!(w)?;
    writeln!(w, "  {:<14} {:>9}", "score up to", "articles")?;
    for (bound, count) in &s.scores.histogram {
        let label = bound.map_or("more".to_string(), num);
        writeln!(w, "  {label:<14} {count:>9}")?;
    }
    Ok(())
}

/// Writes an evaluation's results.
pub fn eval_text(w: &mut dyn Write, name: &str, r: &EvalReport) -> io::Result<()> {
    writeln!(w, "{} {} records", format!("{name}:").bold(), r.records)?;
    if let Some(s) = &r.sentence {
        writeln!(w)?;
        writeln!(
            w,
            "{} ({} labelled records; biased when the authorial score > {})",
            "sentence level".bold(),
            s.records,
            s.threshold
        )?;
        writeln!(
            w,
            "  biased class: precision {}  recall {}  F1 {}   macro F1 {}",
            num(s.precision),
            num(s.recall),
            num(s.f1),
            num(s.macro_f1).bold()
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
            "word level (a hit is true when it overlaps an annotated span)".bold()
        )?;
        writeln!(
            w,
            "  precision {}  recall {}  F1 {}   ({} hits, {} true; {} of {} spans found)",
            num(m.precision),
            num(m.recall),
            num(m.f1).bold(),
            m.hits,
            m.true_hits,
            m.found,
            m.spans
        )?;
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
            "same-event ordering (lexical spans per 1,000 words)".bold()
        )?;
        writeln!(
            w,
            "  {} events, {} pairs with different densities, {} ordered alike: accuracy {}",
            o.events,
            o.pairs,
            o.agreeing,
            num(o.accuracy).bold()
        )?;
    }
    for (title, rows) in [("categories", &r.categories), ("rules", &r.rules)] {
        if rows.is_empty() {
            continue;
        }
        writeln!(w)?;
        writeln!(w, "{}", format!("{title}, most false hits first").bold())?;
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
            "annotated words no rule caught, most frequent first".bold()
        )?;
        for (word, n) in &r.misses {
            writeln!(w, "  {n:>5}  {}", one_line(word))?;
        }
    }
    Ok(())
}

/// Writes one report as one line of JSON.
pub fn report_jsonl(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer(&mut *w, report)?;
    writeln!(w)
}

/// Writes a comparison as pretty JSON.
pub fn comparison_json(w: &mut dyn Write, comparison: &Comparison) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, comparison)?;
    writeln!(w)
}

/// Cuts `s` to at most `width` characters, ending with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Splits `s` into lines of at most `width` characters at spaces (a longer
/// word is cut).
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&fit(word, width));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `12.345` as `12.35`.
fn num(x: f64) -> String {
    format!("{x:.2}")
}

fn hits_summary(r: &Report) -> String {
    format!(
        "{} hits ({} authorial, {} quoted)",
        r.hits.len(),
        r.authorial_hits(),
        r.quoted_hits()
    )
}

/// Writes the text report of one article: header, category table, hits.
pub fn report_text(
    w: &mut dyn Write,
    report: &Report,
    rules: &RuleSet,
    style: TextStyle,
) -> io::Result<()> {
    match &report.id {
        Some(id) => writeln!(w, "{} {}", report.source.bold(), format!("({id})").dimmed())?,
        None => writeln!(w, "{}", report.source.bold())?,
    }
    if !report.title.is_empty() {
        writeln!(w, "{}", fit(&report.title, style.width))?;
    }
    writeln!(
        w,
        "score {}  ·  {} words  ·  {}",
        num(report.score).bold(),
        report.words,
        hits_summary(report)
    )?;
    if report.hits.is_empty() {
        writeln!(w, "no flagged terms")?;
        return Ok(());
    }
    writeln!(w)?;
    writeln!(
        w,
        "  {:<14} {:>5} {:>7} {:>8} {:>9}",
        "category", "hits", "quoted", "per 1k", "weighted"
    )?;
    for (name, stats) in &report.categories {
        writeln!(
            w,
            "  {:<14} {:>5} {:>7} {:>8} {:>9}",
            name,
            stats.count,
            stats.quoted,
            num(report.density(stats.count)),
            num(stats.weighted)
        )?;
    }
    writeln!(w)?;
    let term_width = report
        .hits
        .iter()
        .map(|h| h.text.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    for hit in &report.hits {
        let position = format!("{}:{}", hit.line, hit.column);
        let rule = rules.rule(&hit.rule);
        let advice = match rule {
            Some(r) => match &r.suggestion {
                Some(s) => format!("{} -> {}", r.message, s),
                None => r.message.clone(),
            },
            None => String::new(),
        };
        let term = fit(&one_line(&hit.text), term_width);
        let line = format!(
            "  {position:<8} {term:<term_width$}  {:<12} {}{advice}",
            hit.category,
            if hit.quoted { "[quoted] " } else { "" },
        );
        if hit.quoted {
            writeln!(w, "{}", line.dimmed())?;
        } else {
            writeln!(w, "{line}")?;
        }
    }
    if let Some(actors) = &report.actors {
        writeln!(w)?;
        actor_table(w, actors, style)?;
    }
    Ok(())
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
fn by_tone(text: String, tone: f64) -> ColoredString {
    if tone < -0.005 {
        text.red()
    } else if tone > 0.005 {
        text.green()
    } else {
        text.normal()
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

/// The actors of one report: mentions, framing hits by polarity, tone,
/// statements and terms.
pub fn actor_table(w: &mut dyn Write, actors: &[ActorProfile], style: TextStyle) -> io::Result<()> {
    writeln!(
        w,
        "  {:<16} {:>8} {:>5} {:>5} {:>7} {:>6}  statements",
        "actor", "mentions", "neg", "pos", "neutral", "tone"
    )?;
    for p in actors {
        let neg = p.negative.authorial + p.negative.quoted;
        let pos = p.positive.authorial + p.positive.quoted;
        let neu = p.neutral.authorial + p.neutral.quoted;
        let tone = by_tone(signed(p.tone), p.tone);
        writeln!(
            w,
            "  {:<16} {:>8} {:>5} {:>5} {:>7} {:>6}  {}",
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
                style.width - indent,
            ) {
                writeln!(w, "{:indent$}{}", "", line.dimmed())?;
            }
        }
        let a = &p.attribution;
        if a.neutral + a.loaded > 0 {
            let says = format!(
                "says: {} ({:.0}% with a direct quote)",
                a.verbs.join(", "),
                a.direct_quote_share * 100.0
            );
            for line in wrap(&says, style.width - indent) {
                writeln!(w, "{:indent$}{}", "", line.dimmed())?;
            }
        }
    }
    Ok(())
}

/// The figures of a report that a ranking shows, kept without its hits.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// The report's source.
    pub source: String,
    /// Its score.
    pub score: f64,
    /// Its number of hits.
    pub hits: usize,
    /// Its word count.
    pub words: usize,
}

impl From<&Report> for Ranked {
    fn from(r: &Report) -> Ranked {
        Ranked {
            source: r.source.clone(),
            score: r.score,
            hits: r.hits.len(),
            words: r.words,
        }
    }
}

/// Writes a ranking of several reports by score, highest first.
pub fn ranking_text(w: &mut dyn Write, reports: &[Ranked], style: TextStyle) -> io::Result<()> {
    let mut order: Vec<&Ranked> = reports.iter().collect();
    order.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.source.cmp(&b.source)));
    writeln!(w, "{}", "ranking by score".bold())?;
    writeln!(
        w,
        "  {:>4} {:>8} {:>5} {:>7}  source",
        "rank", "score", "hits", "words"
    )?;
    let source_width = style.width.saturating_sub(30).max(10);
    for (i, r) in order.iter().enumerate() {
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
    Ok(())
}

/// The two original texts, for `--context` (hits point into them).
#[derive(Debug, Clone, Copy)]
pub struct Texts<'a> {
    /// The left source's text.
    pub left: &'a str,
    /// The right source's text.
    pub right: &'a str,
}

/// Column widths of the side-by-side view.
struct Columns {
    label: usize,
    side: usize,
}

impl Columns {
    fn new(width: usize) -> Columns {
        let width = width.max(60);
        let label = 18;
        // label + " │ " + side + " │ " + side
        let side = (width - label - 6) / 2;
        Columns { label, side }
    }

    fn row(
        &self,
        w: &mut dyn Write,
        label: &str,
        left: ColoredString,
        right: ColoredString,
    ) -> io::Result<()> {
        let (l, r) = (fit_colored(left, self.side), fit_colored(right, self.side));
        writeln!(
            w,
            "{:<lw$} │ {:<sw$} │ {}",
            fit(label, self.label),
            l,
            r,
            lw = self.label,
            sw = self.side
        )
    }

    fn rule(&self, w: &mut dyn Write) -> io::Result<()> {
        self.rule_with(w, '┼')
    }

    /// A horizontal line, crossing the column lines with `cross`
    /// (`┼` inside a table, `┴` to close it, `┬` to open one).
    fn rule_with(&self, w: &mut dyn Write, cross: char) -> io::Result<()> {
        writeln!(
            w,
            "{}{cross}{}{cross}{}",
            "─".repeat(self.label + 1),
            "─".repeat(self.side + 2),
            "─".repeat(self.side + 1)
        )
    }
}

/// Cuts a colored string's text to `width`, keeping its style.
fn fit_colored(s: ColoredString, width: usize) -> ColoredString {
    if s.input.chars().count() <= width {
        return s;
    }
    let mut cut = s.clone();
    cut.input = fit(&s.input, width);
    cut
}

fn file_name(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

/// Writes the side-by-side comparison: summary, categories, terms, verdict,
/// and with `texts` each hit in its sentence.
pub fn comparison_text(
    w: &mut dyn Write,
    c: &Comparison,
    texts: Option<Texts<'_>>,
    style: TextStyle,
) -> io::Result<()> {
    let cols = Columns::new(style.width);
    let (l, r) = (&c.left, &c.right);
    cols.row(w, "", "LEFT".red().bold(), "RIGHT".green().bold())?;
    cols.row(
        w,
        "source",
        file_name(&l.source).bold(),
        file_name(&r.source).bold(),
    )?;
    let (lt, rt) = (wrap(&l.title, cols.side), wrap(&r.title, cols.side));
    for i in 0..lt.len().max(rt.len()).min(2) {
        let line = |t: &[String]| t.get(i).map_or(String::new(), Clone::clone);
        let mut right_line = line(&rt);
        let mut left_line = line(&lt);
        // A title longer than two lines ends its second line with `…`.
        if i == 1 {
            if lt.len() > 2 {
                left_line = fit(&format!("{left_line} …"), cols.side);
            }
            if rt.len() > 2 {
                right_line = fit(&format!("{right_line} …"), cols.side);
            }
        }
        cols.row(
            w,
            if i == 0 { "title" } else { "" },
            left_line.into(),
            right_line.into(),
        )?;
    }
    cols.rule(w)?;
    cols.row(
        w,
        "score per 1k words",
        marked(l.score, r.score, num(l.score), true),
        marked(r.score, l.score, num(r.score), false),
    )?;
    cols.row(
        w,
        "words",
        l.words.to_string().into(),
        r.words.to_string().into(),
    )?;
    cols.row(
        w,
        "authorial hits",
        marked(
            l.authorial_hits() as f64,
            r.authorial_hits() as f64,
            l.authorial_hits().to_string(),
            true,
        ),
        marked(
            r.authorial_hits() as f64,
            l.authorial_hits() as f64,
            r.authorial_hits().to_string(),
            false,
        ),
    )?;
    cols.row(
        w,
        "quoted hits",
        l.quoted_hits().to_string().into(),
        r.quoted_hits().to_string().into(),
    )?;
    // The verdict comes first, so the answer is on the first screen.
    cols.rule_with(w, '┴')?;
    for line in wrap(&verdict(c), style.width) {
        writeln!(w, "{}", line.bold())?;
    }
    cols.rule_with(w, '┬')?;
    for cat in &c.categories {
        let cell = |side: &crate::compare::Side, other: &crate::compare::Side, left: bool| {
            let text = format!("{:>3}  {:>6}/1k", side.count, num(side.density));
            let diff = side.density - other.density;
            if diff > 0.0 {
                let text = format!("{text}  +{}", num(diff));
                if left { text.red() } else { text.green() }
            } else {
                text.normal()
            }
        };
        cols.row(
            w,
            &cat.category,
            cell(&cat.left, &cat.right, true),
            cell(&cat.right, &cat.left, false),
        )?;
    }
    writeln!(w)?;
    terms_diff(w, c, style)?;
    if !c.actors.is_empty() {
        writeln!(w)?;
        actor_section(w, c, &cols)?;
    }
    if let Some(texts) = texts {
        writeln!(w)?;
        context(w, "LEFT".red().bold(), l, texts.left, style)?;
        writeln!(w)?;
        context(w, "RIGHT".green().bold(), r, texts.right, style)?;
    }
    Ok(())
}

/// Who is framed how, side by side, with the terms that differ.
fn actor_section(w: &mut dyn Write, c: &Comparison, cols: &Columns) -> io::Result<()> {
    writeln!(
        w,
        "{} {}",
        "ACTORS".bold(),
        "(tone: weight of positive minus negative hits, per mention)".dimmed()
    )?;
    cols.rule_with(w, '┬')?;
    let cell_lines = |p: &Option<ActorProfile>| -> Vec<ColoredString> {
        let Some(p) = p else {
            return vec!["not mentioned".dimmed()];
        };
        let plural = if p.mentions == 1 { "" } else { "s" };
        let first = format!("{} mention{plural}, tone {}", p.mentions, signed(p.tone));
        let mut lines = vec![by_tone(first, p.tone)];
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
    };
    // Actors only mentioned, never framed nor quoted, would bury the others.
    let engaged = |p: &Option<ActorProfile>| {
        p.as_ref().is_some_and(|p| {
            !p.terms.is_empty() || p.attribution.neutral + p.attribution.loaded > 0
        })
    };
    for d in c
        .actors
        .iter()
        .filter(|d| engaged(&d.left) || engaged(&d.right))
    {
        let (l, r) = (cell_lines(&d.left), cell_lines(&d.right));
        for i in 0..l.len().max(r.len()) {
            let label = if i == 0 { d.actor.as_str() } else { "" };
            let get = |v: &[ColoredString]| v.get(i).cloned().unwrap_or_else(|| "".into());
            cols.row(w, label, get(&l), get(&r))?;
        }
        let terms = |p: &Option<ActorProfile>| p.as_ref().map_or(Vec::new(), |p| p.terms.clone());
        let (lt, rt) = (terms(&d.left), terms(&d.right));
        let only_left: Vec<&str> = lt
            .iter()
            .filter(|t| !rt.contains(t))
            .map(String::as_str)
            .collect();
        let only_right: Vec<&str> = rt
            .iter()
            .filter(|t| !lt.contains(t))
            .map(String::as_str)
            .collect();
        let shared: Vec<&str> = lt
            .iter()
            .filter(|t| rt.contains(t))
            .map(String::as_str)
            .collect();
        for (sign, list, paint) in [
            (
                '-',
                only_left,
                (|s: String| s.red()) as fn(String) -> ColoredString,
            ),
            (' ', shared, |s: String| s.normal()),
            ('+', only_right, |s: String| s.green()),
        ] {
            let width = cols.label + 2 * cols.side + 6 - (cols.label + 1);
            for (i, part) in wrap(&list.join(", "), width).into_iter().enumerate() {
                let mark = if i == 0 { sign } else { ' ' };
                let line = format!("{mark} {:<w$} {part}", "", w = cols.label - 1);
                writeln!(w, "{}", paint(line))?;
            }
        }
    }
    Ok(())
}

/// A value, colored toward its side when it is the larger.
fn marked(this: f64, other: f64, text: String, left: bool) -> ColoredString {
    match (this > other, left) {
        (true, true) => text.red().bold(),
        (true, false) => text.green().bold(),
        _ => text.normal(),
    }
}

/// The `-`/`+`/` ` list of terms, most used first.
fn terms_diff(w: &mut dyn Write, c: &Comparison, style: TextStyle) -> io::Result<()> {
    if c.terms.is_empty() {
        return writeln!(w, "no flagged terms in either source");
    }
    let term_width = style.width.saturating_sub(34).clamp(16, 40);
    writeln!(
        w,
        "{}",
        format!(
            "  {:<term_width$} {:>5} {:>5}  category",
            "terms (- left only, + right only)", "left", "right"
        )
        .bold()
    )?;
    for t in &c.terms {
        let (sign, paint): (char, fn(String) -> ColoredString) = match (t.left, t.right) {
            (_, 0) => ('-', |s| s.red()),
            (0, _) => ('+', |s| s.green()),
            _ => (' ', |s| s.normal()),
        };
        let line = format!(
            "{sign} {:<term_width$} {:>5} {:>5}  {}",
            fit(&t.term, term_width),
            t.left,
            t.right,
            t.category
        );
        writeln!(w, "{}", paint(line))?;
    }
    Ok(())
}

/// One plain-words sentence on which source frames more, and by how much.
pub fn verdict(c: &Comparison) -> String {
    let (l, r) = (file_name(&c.left.source), file_name(&c.right.source));
    let (ls, rs) = (c.left.score, c.right.score);
    let per = "weighted hits per 1,000 words";
    match c.ratio {
        _ if ls == 0.0 && rs == 0.0 => "Neither source uses a flagged term.".to_string(),
        None => format!(
            "The left source ({l}) frames ({:.1} {per}); the right source ({r}) uses no flagged terms.",
            ls
        ),
        Some(ratio) if ratio >= 1.25 => format!(
            "The left source ({l}) frames about {ratio:.1} times as much as the right source ({r}): {ls:.1} against {rs:.1} {per}."
        ),
        Some(ratio) if ratio <= 0.8 && ls > 0.0 => format!(
            "The right source ({r}) frames about {:.1} times as much as the left source ({l}): {rs:.1} against {ls:.1} {per}.",
            1.0 / ratio
        ),
        Some(_) if ls == 0.0 => format!(
            "The right source ({r}) frames ({rs:.1} {per}); the left source ({l}) uses no flagged terms."
        ),
        Some(_) => format!("The two sources frame about equally: {ls:.1} and {rs:.1} {per}."),
    }
}

/// Each hit of one source in its sentence, the term highlighted.
fn context(
    w: &mut dyn Write,
    side: ColoredString,
    report: &Report,
    text: &str,
    style: TextStyle,
) -> io::Result<()> {
    writeln!(w, "{side} {}", report.source.bold())?;
    let width = style.width.saturating_sub(12).max(30);
    for hit in &report.hits {
        let (sentence, term_at) = excerpt(text, hit, width);
        let (before, rest) = sentence.split_at(term_at.0);
        let (term, after) = rest.split_at(term_at.1 - term_at.0);
        let highlighted = if colored::control::SHOULD_COLORIZE.should_colorize() {
            term.bold().underline().to_string()
        } else {
            format!("[{term}]")
        };
        let position = format!("{}:{}", hit.line, hit.column);
        let quoted = if hit.quoted { " (quoted)" } else { "" };
        writeln!(w, "  {position:<8} {}{quoted}", hit.category.dimmed())?;
        writeln!(w, "           {before}{highlighted}{after}")?;
    }
    Ok(())
}

/// The hit's sentence on one line, cut to about `width` characters around
/// the term; returns it with the term's byte range in it.
fn excerpt(text: &str, hit: &Hit, width: usize) -> (String, (usize, usize)) {
    let get = |a: usize, b: usize| text.get(a..b).unwrap_or("");
    let (s, e) = (hit.sentence[0].min(hit.start), hit.sentence[1].max(hit.end));
    let before = one_line(get(s, hit.start));
    let term = one_line(get(hit.start, hit.end));
    let after = one_line(get(hit.end, e));
    let room = width.saturating_sub(term.chars().count()) / 2;
    let before_chars = before.chars().count();
    let before = if before_chars > room {
        let skip = before_chars - room + 1;
        format!(
            "…{}",
            before.chars().skip(skip).collect::<String>().trim_start()
        )
    } else {
        before
    };
    // Room the excerpt before the term did not use goes to the text after it.
    let after_room = width.saturating_sub(term.chars().count() + before.chars().count());
    let after = fit(&after, after_room.max(1));
    let sep_before = if before.is_empty()
        || text
            .get(..hit.start)
            .is_some_and(|t| !t.ends_with(char::is_whitespace))
    {
        ""
    } else {
        " "
    };
    let sep_after = if after.is_empty()
        || text
            .get(hit.end..)
            .is_some_and(|t| !t.starts_with(char::is_whitespace))
    {
        ""
    } else {
        " "
    };
    let line = format!("{before}{sep_before}{term}{sep_after}{after}");
    let start = before.len() + sep_before.len();
    (line, (start, start + term.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
        assert_eq!(wrap("abcdefgh", 4), ["abc…"]);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("éééééé", 3), "éé…");
    }
}
