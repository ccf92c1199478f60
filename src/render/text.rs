//! Text for people: a report per article, a ranking, a side-by-side
//! comparison, summaries and evaluations, fitted to a width and colored
//! only when the emitter is told to.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use super::{Emitter, Paint, TextStyle, file_name, fit, wrap};
use crate::align::{Alignment, Pair, Sentence};
use crate::analysis::Analysis;
use crate::compare::{Comparison, Leaning, Side};
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
        writeln!(
            w,
            "score {}  ·  {} words  ·  {}",
            self.p(num(report.score).bold()),
            report.words,
            hits_summary(report)
        )?;
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
        writeln!(
            w,
            "  {:<14} {:>5} {:>8} {:>7} {:>8} {:>9}",
            "category", "hits", "reported", "quoted", "per 1k", "weighted"
        )?;
        for (name, stats) in &report.categories {
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
                num(stats.weighted)
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
        writeln!(w)?;
        writeln!(w, "  {:<14} {:>9}", "score up to", "articles")?;
        for (bound, count) in &s.scores.histogram {
            let label = bound.map_or("more".to_string(), num);
            writeln!(w, "  {label:<14} {count:>9}")?;
        }
        Ok(())
    }

    /// Summary, verdict, categories, terms, actors and, with `texts`, each
    /// hit in its sentence.
    fn comparison(
        &self,
        w: &mut dyn Write,
        c: &Comparison,
        texts: Option<[&Analysis; 2]>,
    ) -> io::Result<()> {
        let cols = Columns::new(self.width, self.paint);
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
                left_line.normal(),
                right_line.normal(),
            )?;
        }
        cols.rule(w, '┼')?;
        cols.row(
            w,
            cols.label("score per 1k words", "score per 1k"),
            marked(l.score, r.score, num(l.score), true),
            marked(r.score, l.score, num(r.score), false),
        )?;
        cols.row(
            w,
            "words",
            l.words.to_string().normal(),
            r.words.to_string().normal(),
        )?;
        let (la, ra) = (l.authorial_hits(), r.authorial_hits());
        cols.row(
            w,
            cols.label("authorial hits", "authorial"),
            marked(la as f64, ra as f64, la.to_string(), true),
            marked(ra as f64, la as f64, ra.to_string(), false),
        )?;
        cols.row(
            w,
            cols.label("reported hits", "reported"),
            l.reported_hits().to_string().normal(),
            r.reported_hits().to_string().normal(),
        )?;
        cols.row(
            w,
            cols.label("quoted hits", "quoted"),
            l.quoted_hits().to_string().normal(),
            r.quoted_hits().to_string().normal(),
        )?;
        // The verdict comes first, so the answer is on the first screen.
        cols.rule(w, '┴')?;
        for line in wrap(&verdict(c), self.width) {
            writeln!(w, "{}", self.p(line.bold()))?;
        }
        if let Some(a) = c.alignment.as_ref().filter(|a| a.few_shared) {
            let note = format!(
                "These articles share few facts ({:.0}% of sentences pair up): they may report different events, and the verdict then compares two stories, not two framings of one.",
                a.shared * 100.0
            );
            for line in wrap(&note, self.width) {
                writeln!(w, "{line}")?;
            }
        }
        if self.paint.is_on() {
            // One meaning per colour, said once.
            writeln!(
                w,
                "{}",
                self.p("red: the left source, where it frames more; green: the right".dimmed())
            )?;
        }
        cols.rule(w, '┬')?;
        for cat in &c.categories {
            let roomy = cols.roomy();
            let cell = |side: &Side, other: &Side, left: bool| {
                // Short form on narrow terminals: no "/1k", one space.
                let text = if roomy {
                    format!("{:>3}  {:>6}/1k", side.count, num(side.density))
                } else {
                    format!("{:>3} {:>6}", side.count, num(side.density))
                };
                let diff = side.density - other.density;
                if diff > 0.0 {
                    let gap = if roomy { "  " } else { " " };
                    let text = format!("{text}{gap}+{}", num(diff));
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
        if let Some(a) = &c.alignment {
            writeln!(w)?;
            self.alignment(w, a)?;
        }
        writeln!(w)?;
        self.terms_diff(w, c)?;
        if c.engaged_actors().next().is_some() {
            writeln!(w)?;
            self.actor_section(w, c, &cols)?;
        }
        if let Some([left, right]) = texts {
            writeln!(w)?;
            self.context(w, "LEFT".red().bold(), l, left)?;
            writeln!(w)?;
            self.context(w, "RIGHT".green().bold(), r, right)?;
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

    /// Who is framed how, side by side, with the terms that differ.
    fn actor_section(&self, w: &mut dyn Write, c: &Comparison, cols: &Columns) -> io::Result<()> {
        let legend = "ACTORS (tone: weight of positive minus negative hits, per mention; magenta negative, cyan positive)";
        for (i, line) in wrap(legend, self.width.max(40)).into_iter().enumerate() {
            // "ACTORS" in bold, the legend dimmed.
            match line.strip_prefix("ACTORS").filter(|_| i == 0) {
                Some(rest) => writeln!(w, "{}{}", self.p("ACTORS".bold()), self.p(rest.dimmed()))?,
                None => writeln!(w, "{}", self.p(line.dimmed()))?,
            }
        }
        cols.rule(w, '┬')?;
        let roomy = cols.roomy();
        let cell_lines = |p: &Option<ActorProfile>| -> Vec<ColoredString> {
            let Some(p) = p else {
                return vec!["not mentioned".dimmed()];
            };
            let plural = if p.mentions == 1 { "" } else { "s" };
            let first = if roomy {
                format!("{} mention{plural}, tone {}", p.mentions, signed(p.tone))
            } else {
                format!("{}×, tone {}", p.mentions, signed(p.tone))
            };
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
        for d in c.engaged_actors() {
            let (l, r) = (cell_lines(&d.left), cell_lines(&d.right));
            for i in 0..l.len().max(r.len()) {
                let label = if i == 0 { d.actor.as_str() } else { "" };
                let get = |v: &[ColoredString]| v.get(i).cloned().unwrap_or_else(|| "".normal());
                cols.row(w, label, get(&l), get(&r))?;
            }
            let terms =
                |p: &Option<ActorProfile>| p.as_ref().map_or(Vec::new(), |p| p.terms.clone());
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
                    writeln!(w, "{}", self.p(paint(line)))?;
                }
            }
        }
        Ok(())
    }

    /// The `-`/`+`/` ` list of terms, most used first.
    fn terms_diff(&self, w: &mut dyn Write, c: &Comparison) -> io::Result<()> {
        if c.terms.is_empty() {
            return writeln!(w, "no flagged terms in either source");
        }
        let term_width = self.width.saturating_sub(34).clamp(16, 40);
        let header = format!(
            "  {:<term_width$} {:>5} {:>5}  category",
            "terms (- left only, + right only)", "left", "right"
        );
        writeln!(w, "{}", self.p(header.bold()))?;
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
            writeln!(w, "{}", self.p(paint(line)))?;
        }
        Ok(())
    }

    /// The same facts in each source's words, where their framing differs,
    /// then what only one source reports.
    fn alignment(&self, w: &mut dyn Write, a: &Alignment) -> io::Result<()> {
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
            writeln!(w, "{}", self.p(head.bold()))?;
        } else {
            let head = format!(
                "the same fact, framed differently: {} of {} aligned pairs ({} left, {} right{})",
                differ.len(),
                a.pairs.len(),
                self.p("-".red()),
                self.p("+".green()),
                if differ.len() > pairs_shown { more } else { "" }
            );
            writeln!(w, "{}", self.p(head.bold()))?;
            for pair in differ.iter().take(pairs_shown) {
                self.pair(w, pair)?;
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
            writeln!(w, "{}", self.p(head.bold()))?;
            for s in shown {
                self.only(w, s, left)?;
            }
        }
        Ok(())
    }

    fn pair(&self, w: &mut dyn Write, pair: &Pair) -> io::Result<()> {
        writeln!(w)?;
        self.marked_sentence(
            w,
            &pair.left_text,
            &pair.left_marks,
            &pair.left_changed,
            true,
        )?;
        self.marked_sentence(
            w,
            &pair.right_text,
            &pair.right_marks,
            &pair.right_changed,
            false,
        )?;
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
        for line in wrap(&note, self.width.saturating_sub(2).max(20)) {
            writeln!(w, "  {}", self.p(line.dimmed()))?;
        }
        Ok(())
    }

    fn only(&self, w: &mut dyn Write, s: &Sentence, left: bool) -> io::Result<()> {
        self.marked_sentence(w, &s.text, &[], &[], left)
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
    ) -> io::Result<()> {
        let width = self.width.saturating_sub(2).max(20);
        let overlaps = |ranges: &[std::ops::Range<usize>], start: usize, end: usize| {
            ranges.iter().any(|r| r.start < end && start < r.end)
        };
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
            // The word in pieces at the edges of loaded terms: a term is in
            // the side's colour, or bracketed without colour ("[rammed
            // through]", as in --context); words the other side lacks are
            // underlined.
            let mut cuts = vec![0, word.len()];
            for m in marks.iter().filter(|m| m.start < end && start < m.end) {
                cuts.extend([m.start.max(start) - start, m.end.min(end) - start]);
            }
            cuts.sort_unstable();
            cuts.dedup();
            let mut styled = String::new();
            let mut len = 0;
            for piece in cuts.windows(2) {
                let (a, b) = (piece[0], piece[1]);
                let Some(text) = word.get(a..b) else { continue };
                let loaded = overlaps(marks, start + a, start + b);
                len += text.chars().count();
                if !loaded {
                    if overlaps(changed, start, end) {
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
                    let opens = marks.iter().any(|m| m.start == start + a);
                    let closes = marks.iter().any(|m| m.end == start + b);
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
    ) -> io::Result<()> {
        writeln!(w, "{} {}", self.p(side), self.p(report.source.bold()))?;
        let width = self.width.saturating_sub(12).max(30);
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

/// Aligned pairs framed differently shown without `--all-facts`.
const PAIRS_SHOWN: usize = 5;

/// Facts only one source reports shown per side without `--all-facts`.
const FACTS_SHOWN: usize = 3;

/// Widest a side of the side-by-side view grows.
const MAX_SIDE: usize = 48;

/// Column widths of the side-by-side view.
struct Columns {
    label: usize,
    side: usize,
    paint: Paint,
}

impl Columns {
    fn new(width: usize, paint: Paint) -> Columns {
        // Narrow terminals get a narrower label column so the numbers keep
        // their room; wide ones do not stretch a side past what it shows.
        let width = width.max(52);
        let label = match width {
            80.. => 18,
            60.. => 15,
            _ => 12,
        };
        // label + " │ " + side + " │ " + side
        let side = ((width - label - 6) / 2).min(MAX_SIDE);
        Columns { label, side, paint }
    }

    /// Whether a side has room for the long form of a category cell.
    fn roomy(&self) -> bool {
        self.side >= 23
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
