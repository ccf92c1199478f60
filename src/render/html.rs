//! HTML: one self-contained page (inline CSS and JavaScript, no network,
//! no external fonts) that opens from disk in any browser and can be sent
//! to someone.
//!
//! - A comparison: the verdict, category densities as bars for both sides,
//!   the two articles side by side with every hit highlighted (one
//!   `<mark class="hit">` per hit, with `data-rule`, `data-category` and
//!   `data-voice`), aligned sentences linked, terms, actors and the rules
//!   that fired.
//! - A run of reports: each article in its own section, streamed as it
//!   comes (nothing of an article is kept once written); with several, a
//!   sortable index, written at the end and shown first by CSS.
//! - A summary: the score distribution and per-category charts.
//!
//! Safety: every piece of article and rule text goes through [`escape`],
//! which is right for text and for double-quoted attributes alike; nothing
//! from the input becomes a URL, a tag name, CSS or script. The page's
//! Content-Security-Policy allows only its own script (by hash), so even a
//! slip in escaping could not run a script from an article.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::Mutex;

use super::{Emitter, TextStyle, file_name};
use crate::align::Alignment;
use crate::analysis::Analysis;
use crate::compare::{ActorDelta, Comparison};
use crate::eval::EvalReport;
use crate::model::{ActorProfile, Hit, Report, Voice};
use crate::rules::RuleSet;
use crate::summary::{Ranking, Summary};

const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/page.js");

/// Colours of the category palette (Okabe and Ito's, without black), read
/// alike by the common kinds of colour blindness; a category past the
/// seventh gets a colour again with stripes (`CSS` class `p1`).
const PALETTE: usize = 7;

/// Rows the index of a run of reports lists at most, so a page for an
/// archive keeps a bounded index (the articles themselves are streamed).
pub const INDEX_ROWS: usize = 10_000;

/// The HTML emitter.
pub struct Html<'a> {
    rules: &'a RuleSet,
    /// Rule ids hit in a run of reports, for the table of rules that closes
    /// the page (reports are rendered on worker threads, hence the lock).
    seen: Mutex<BTreeSet<String>>,
}

impl<'a> Html<'a> {
    /// An emitter that explains hits with `rules`' messages.
    pub fn new(rules: &'a RuleSet) -> Html<'a> {
        Html {
            rules,
            seen: Mutex::new(BTreeSet::new()),
        }
    }

    /// The palette classes of a category: its place among the loaded
    /// categories, so every page of one rule set colours alike.
    fn palette(&self, category: &str) -> String {
        match self
            .rules
            .categories()
            .iter()
            .position(|c| c.name == category)
        {
            Some(i) => format!("c{} p{}", i % PALETTE, (i / PALETTE) % 2),
            None => "cx".to_string(),
        }
    }

    /// Swatches and names of `categories`, with the voice key.
    fn legend<'c>(&self, out: &mut String, categories: impl Iterator<Item = &'c str>) {
        out.push_str(
            "<div class=\"legend\" aria-label=\"legend\"><span class=\"lg-h\">categories</span>",
        );
        for name in categories {
            let _ = write!(
                out,
                "<span class=\"sw {}\"></span><span class=\"lg\">{}</span>",
                self.palette(name),
                escape(name)
            );
        }
        out.push_str(
            "<span class=\"lg-h\">voice</span>\
             <span class=\"key hitkey cx\" data-voice=\"authorial\">writer</span>\
             <span class=\"key hitkey cx\" data-voice=\"reported\">reported</span>\
             <span class=\"key hitkey cx\" data-voice=\"quoted\">quoted</span></div>\n",
        );
    }

    /// The table of rules that fired, with message and suggestion: read by
    /// the page's script for the hit panel, and on paper, where nothing
    /// hovers.
    /// Without counts (a run of reports keeps none) the column is left out.
    fn rule_table<'r>(
        &self,
        out: &mut String,
        counts: impl Iterator<Item = (&'r str, Option<usize>)>,
    ) {
        let rows: Vec<(&str, Option<usize>)> = counts.collect();
        let Some(&(_, first)) = rows.first() else {
            return;
        };
        let _ = writeln!(
            out,
            "<section class=\"rules\" id=\"rules\"><h2>Rules that fired</h2>\
             <table><thead><tr><th>rule</th><th>category</th><th>what it does</th>\
             <th>instead</th>{}</tr></thead><tbody>",
            if first.is_some() {
                "<th class=\"n\">hits</th>"
            } else {
                ""
            }
        );
        for (id, count) in rows {
            let rule = self.rules.rule(id);
            let category = rule.map_or("", |r| self.rules.category_of(r).name.as_str());
            let message = rule.map_or("", |r| r.message.as_str());
            let suggestion = rule.and_then(|r| r.suggestion.as_deref()).unwrap_or("");
            let _ = writeln!(
                out,
                "<tr data-rule=\"{id}\"><td class=\"rid\"><span class=\"sw {pal}\"></span>{id}</td>\
                 <td>{cat}</td><td class=\"msg\">{msg}</td><td class=\"sug\">{sug}</td>{count}</tr>",
                id = escape(id),
                pal = self.palette(category),
                cat = escape(category),
                msg = escape(message),
                sug = escape(suggestion),
                count = count
                    .map(|n| format!("<td class=\"n\">{n}</td>"))
                    .unwrap_or_default(),
            );
        }
        out.push_str("</tbody></table></section>\n");
    }

    /// One hit's element around its text.
    fn mark(&self, out: &mut String, hit: &Hit, text: &str) {
        let _ = write!(
            out,
            "<mark class=\"hit {pal}\" tabindex=\"0\" data-rule=\"{rule}\" data-category=\"{cat}\" \
             data-voice=\"{voice}\" data-weighted=\"{weighted}\"{negated}>",
            pal = self.palette(&hit.category),
            rule = escape(&hit.rule),
            cat = escape(&hit.category),
            voice = voice_name(hit.voice),
            weighted = num(hit.weighted),
            negated = if hit.negated { " data-negated" } else { "" },
        );
        paragraphs(out, text);
        out.push_str("</mark>");
    }

    /// An article's text with its hits marked and, with `spans`, its
    /// sentences wrapped for linking.
    fn article(&self, out: &mut String, analysis: &Analysis, hits: &[Hit], spans: Vec<Span>) {
        let text = analysis.text.as_str();
        // Hits in text offsets, in order, without overlaps; any other (an
        // offset the text does not map, a nested hit) is listed under the
        // text, so every hit still has its one mark.
        let mut placed: Vec<(usize, usize, &Hit)> = Vec::new();
        let mut unplaced: Vec<&Hit> = Vec::new();
        let mut end = 0;
        for hit in hits {
            match (analysis.to_text(hit.start), analysis.to_text(hit.end)) {
                (Some(s), Some(e)) if s >= end && s < e && text.get(s..e).is_some() => {
                    placed.push((s, e, hit));
                    end = e;
                }
                _ => unplaced.push(hit),
            }
        }
        // A boundary inside a hit moves to the hit's end, so a mark is never
        // cut in two by a sentence or the headline.
        let bump = |b: usize| {
            let i = placed.partition_point(|&(_, e, _)| e <= b);
            match placed.get(i) {
                Some(&(s, e, _)) if s < b => e,
                _ => b,
            }
        };
        let headline = bump(analysis.headline_end.min(text.len()));
        let mut spans: Vec<Span> = spans
            .into_iter()
            .map(|mut s| {
                s.start = bump(s.start);
                s.end = bump(s.end);
                s
            })
            .collect();
        spans.sort_by_key(|s| s.start);
        let mut cursor = Cursor {
            html: self,
            text,
            hits: &placed,
            next: 0,
            pos: 0,
        };
        out.push_str("<h3 class=\"headline\">");
        cursor.range(out, headline, &spans);
        out.push_str("</h3>\n<div class=\"body\">");
        // The blank lines under the headline are not a paragraph.
        let body = text[headline..]
            .find(|c: char| !c.is_whitespace())
            .map_or(text.len(), |i| headline + i);
        cursor.pos = body;
        cursor.range(out, text.len(), &spans);
        out.push_str("</div>\n");
        if !unplaced.is_empty() {
            out.push_str("<p class=\"unplaced\">Not placed in the text: ");
            for hit in unplaced {
                self.mark(out, hit, &hit.text);
                out.push(' ');
            }
            out.push_str("</p>\n");
        }
    }

    /// A page's opening, up to the body's first element.
    fn head(&self, out: &mut String, title: &str, class: &str) {
        let _ = writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
             <meta name=\"generator\" content=\"slant\">\n<title>{title}</title>\n\
             <style>\n{STYLE}</style>\n</head>\n<body class=\"{class}\">",
            csp = content_security_policy(),
            title = escape(title),
        );
    }

    /// A page's end: the hit panel and the script.
    fn tail(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "<div id=\"tip\" role=\"tooltip\" hidden></div>\n<script>{SCRIPT}</script>\n</body>\n</html>"
        );
    }

    /// A report's numbers and category table.
    fn report_head(&self, out: &mut String, r: &Report) {
        let _ = writeln!(
            out,
            "<header class=\"article-head\"><h2>{title}</h2><p class=\"source\">{source}{id}</p>\n\
             <dl class=\"figures\"><div><dt>score</dt><dd>{score}</dd><dd class=\"unit\">weighted hits per 1,000 words</dd></div>\
             <div><dt>words</dt><dd>{words}</dd></div>\
             <div><dt>hits</dt><dd>{hits}</dd><dd class=\"unit\">{authorial} writer, {reported} reported, {quoted} quoted</dd></div></dl></header>",
            title = escape(&r.title),
            source = escape(&r.source),
            id =
                r.id.as_ref()
                    .map(|id| format!(" [{}]", escape(id)))
                    .unwrap_or_default(),
            score = format_args!("{:.2}", r.score),
            words = r.words,
            hits = r.hits.len(),
            authorial = r.authorial_hits(),
            reported = r.reported_hits(),
            quoted = r.quoted_hits(),
        );
        if r.categories.is_empty() {
            out.push_str("<p class=\"none\">No flagged terms.</p>\n");
            return;
        }
        let max = r
            .categories
            .values()
            .map(|s| s.weighted)
            .fold(0.0, f64::max);
        out.push_str(
            "<table class=\"cats\"><thead><tr><th>category</th><th class=\"n\">hits</th>\
             <th class=\"n\">reported</th><th class=\"n\">quoted</th><th class=\"n\">weighted</th>\
             <th class=\"n\">per 1k</th><th class=\"barcol\"><span class=\"vh\">weight</span></th></tr></thead><tbody>\n",
        );
        for (name, s) in &r.categories {
            let _ = writeln!(
                out,
                "<tr><td><span class=\"sw {pal}\"></span>{name}</td><td class=\"n\">{count}</td>\
                 <td class=\"n\">{reported}</td><td class=\"n\">{quoted}</td><td class=\"n\">{weighted}</td>\
                 <td class=\"n\">{density}</td><td class=\"barcol\">{bar}</td></tr>",
                pal = self.palette(name),
                name = escape(name),
                count = s.count,
                reported = s.reported,
                quoted = s.quoted,
                weighted = num(s.weighted),
                density = format_args!("{:.2}", r.density(s.count)),
                bar = inline_bar(s.weighted, max),
            );
        }
        out.push_str("</tbody></table>\n");
    }

    /// Category densities of both sides as bars.
    fn density_chart(&self, out: &mut String, c: &Comparison) {
        let rows = &c.categories;
        if rows.is_empty() {
            return;
        }
        let max = rows
            .iter()
            .map(|d| d.left.density.max(d.right.density))
            .fold(0.0, f64::max)
            .max(f64::MIN_POSITIVE);
        let (label, bars, row) = (150.0, 380.0, 34.0);
        let height = row * rows.len() as f64 + 8.0;
        let _ = writeln!(
            out,
            "<figure class=\"chart\"><figcaption>Hits per 1,000 words, by category \
             <span class=\"side-key left\">left</span> {l} <span class=\"side-key right\">right</span> {r}</figcaption>\
             <svg viewBox=\"0 0 640 {height}\" role=\"img\" aria-label=\"hits per 1,000 words by category, both sources\">",
            l = escape(file_name(&c.left.source)),
            r = escape(file_name(&c.right.source)),
        );
        for (i, d) in rows.iter().enumerate() {
            let y = 4.0 + row * i as f64;
            let _ = writeln!(
                out,
                "<text class=\"cat\" x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{name}</text>",
                lx = label - 8.0,
                ty = y + 19.0,
                name = escape(&d.category),
            );
            for (side, s, dy) in [("left", &d.left, 3.0), ("right", &d.right, 16.0)] {
                let w = (s.density / max * bars).max(if s.count > 0 { 2.0 } else { 0.0 });
                let _ = writeln!(
                    out,
                    "<rect class=\"{side}\" x=\"{label}\" y=\"{by}\" width=\"{w:.1}\" height=\"12\"><title>{side}: {count}, {density:.2} per 1,000 words</title></rect>\
                     <text class=\"val\" x=\"{vx:.1}\" y=\"{vy}\">{density:.2}</text>",
                    by = y + dy,
                    count = plural(s.count, "hit"),
                    density = s.density,
                    vx = label + w + 5.0,
                    vy = y + dy + 10.5,
                );
            }
        }
        out.push_str("</svg></figure>\n");
    }

    /// Who is framed how, in both sources.
    fn actor_table(&self, out: &mut String, c: &Comparison) {
        let engaged: Vec<&ActorDelta> = c.engaged_actors().collect();
        if engaged.is_empty() {
            return;
        }
        out.push_str(
            "<section class=\"actors\"><h2>Who is framed how</h2>\
             <p class=\"note\">Tone: weight of positive minus negative hits that target the actor, per mention.</p>\
             <table><thead><tr><th>actor</th><th>left source</th><th>right source</th></tr></thead><tbody>\n",
        );
        for d in engaged {
            let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(&d.actor));
            for p in [&d.left, &d.right] {
                out.push_str("<td>");
                match p {
                    Some(p) => actor_cell(out, p),
                    None => out.push_str("<span class=\"none\">not mentioned</span>"),
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table></section>\n");
    }

    /// Terms either side uses, diff-style.
    fn term_table(&self, out: &mut String, c: &Comparison) {
        if c.terms.is_empty() {
            return;
        }
        out.push_str(
            "<section class=\"terms\"><h2>Terms</h2><table><thead><tr><th>term</th>\
             <th>category</th><th class=\"n\">left</th><th class=\"n\">right</th></tr></thead><tbody>\n",
        );
        for t in &c.terms {
            let side = match (t.left, t.right) {
                (_, 0) => " class=\"only-left\"",
                (0, _) => " class=\"only-right\"",
                _ => "",
            };
            let _ = writeln!(
                out,
                "<tr{side}><td>{term}</td><td><span class=\"sw {pal}\"></span>{cat}</td>\
                 <td class=\"n\">{l}</td><td class=\"n\">{r}</td></tr>",
                term = escape(&t.term),
                pal = self.palette(&t.category),
                cat = escape(&t.category),
                l = t.left,
                r = t.right,
            );
        }
        out.push_str("</tbody></table></section>\n");
    }
}

/// A row of the side-by-side table: one source's value.
type Cell = fn(&Report) -> String;

/// One actor in one source.
fn actor_cell(out: &mut String, p: &ActorProfile) {
    let mentions = if p.mentions == 1 {
        "1 mention".to_string()
    } else {
        format!("{} mentions", p.mentions)
    };
    let tone_class = if p.tone < 0.0 {
        "neg"
    } else if p.tone > 0.0 {
        "pos"
    } else {
        "zero"
    };
    let _ = write!(
        out,
        "{mentions}, tone <span class=\"tone {tone_class}\">{tone:+.2}</span>",
        tone = p.tone
    );
    if !p.attribution.verbs.is_empty() {
        let _ = write!(
            out,
            "<br><span class=\"says\">says: {}</span>",
            escape(&p.attribution.verbs.join(", "))
        );
    }
    if !p.terms.is_empty() {
        let _ = write!(
            out,
            "<br><span class=\"framed\">framed as: {}</span>",
            escape(&p.terms.join(", "))
        );
    }
}

/// A sentence of an article to wrap: its range in the text, and how it is
/// linked to the other article.
#[derive(Debug, Clone)]
struct Span {
    start: usize,
    end: usize,
    /// The element id (`l3`, `r7`).
    id: String,
    /// The pairs it belongs to (none: only this side reports it).
    pairs: Vec<usize>,
    /// The id of its first partner, for a link.
    partner: Option<String>,
}

/// Writes an article's text in order: plain text, hits and sentences.
struct Cursor<'c> {
    html: &'c Html<'c>,
    text: &'c str,
    hits: &'c [(usize, usize, &'c Hit)],
    next: usize,
    pos: usize,
}

impl Cursor<'_> {
    /// Text up to `end`, each sentence of `spans` in it wrapped (clipped to
    /// the range: a sentence across the headline's end is wrapped on both
    /// sides of it, its id on the first part only).
    fn range(&mut self, out: &mut String, end: usize, spans: &[Span]) {
        for span in spans {
            if span.end <= self.pos || span.start >= end {
                continue;
            }
            let start = span.start.max(self.pos);
            let stop = span.end.min(end);
            if start >= stop {
                continue;
            }
            self.upto(out, start);
            let id = if span.start >= start {
                format!(" id=\"{}\" tabindex=\"-1\"", span.id)
            } else {
                String::new()
            };
            if span.pairs.is_empty() {
                let _ = write!(out, "<span class=\"s only\"{id}>");
            } else {
                let pairs: Vec<String> = span.pairs.iter().map(|p| p.to_string()).collect();
                let _ = write!(
                    out,
                    "<span class=\"s paired\"{id} data-pair=\"{}\">",
                    pairs.join(" ")
                );
            }
            self.upto(out, stop);
            if let (Some(partner), true) = (&span.partner, span.end <= end) {
                let _ = write!(
                    out,
                    "<a class=\"pl\" href=\"#{partner}\" title=\"the same fact in the other source\">{}</a>",
                    span.pairs.first().map_or(0, |p| p + 1)
                );
            }
            out.push_str("</span>");
        }
        self.upto(out, end);
    }

    /// Text from the cursor to `end`, hits marked.
    fn upto(&mut self, out: &mut String, end: usize) {
        while let Some(&(s, e, hit)) = self.hits.get(self.next) {
            if s >= end {
                break;
            }
            if s >= self.pos {
                paragraphs(out, self.text.get(self.pos..s).unwrap_or(""));
                self.html
                    .mark(out, hit, self.text.get(s..e).unwrap_or(&hit.text));
                self.pos = e;
            }
            self.next += 1;
        }
        if end > self.pos {
            paragraphs(out, self.text.get(self.pos..end).unwrap_or(""));
            self.pos = end;
        }
    }
}

/// Text escaped, a blank line made a paragraph break.
fn paragraphs(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find('\n') {
        // The whitespace run around this newline.
        let run_start = rest[..i].trim_end().len();
        let after = rest[i..]
            .find(|c: char| !c.is_whitespace())
            .map_or(rest.len(), |j| i + j);
        let run = &rest[run_start..after];
        out.push_str(&escape(&rest[..run_start]));
        if run.matches('\n').count() >= 2 {
            out.push_str("\n<span class=\"pb\"></span>");
        } else {
            out.push('\n');
        }
        rest = &rest[after..];
    }
    out.push_str(&escape(rest));
}

/// `s` escaped for HTML text and for double- or single-quoted attribute
/// values: `&`, `<`, `>`, both quotes; NUL (which HTML drops or replaces)
/// becomes U+FFFD.
pub fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'', '\0']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The page's policy: nothing from the network, its own style, and only its
/// own script, named by hash, so no script from an article could run.
fn content_security_policy() -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'",
        base64(&sha256(SCRIPT.as_bytes()))
    )
}

fn voice_name(v: Voice) -> &'static str {
    match v {
        Voice::Authorial => "authorial",
        Voice::Reported => "reported",
        Voice::Quoted => "quoted",
    }
}

/// `n` things, in the singular for one.
fn plural(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// A number with at most two decimals, without trailing zeros.
fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A small bar for a table cell: `x` of `max`.
fn inline_bar(x: f64, max: f64) -> String {
    let w = if max > 0.0 { x / max * 100.0 } else { 0.0 };
    format!(
        "<svg class=\"ib\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect width=\"{w:.1}\" height=\"8\"/></svg>"
    )
}

/// The sentences of each side to wrap, from the alignment, in text
/// offsets; a sentence whose range the text does not map is left plain.
fn spans(a: &Alignment, texts: [&Analysis; 2]) -> [Vec<Span>; 2] {
    // Each side's sentences by input range, with the pairs they are in.
    let mut sides: [BTreeMap<[usize; 2], Vec<usize>>; 2] = Default::default();
    for (k, p) in a.pairs.iter().enumerate() {
        sides[0].entry(p.left).or_default().push(k);
        sides[1].entry(p.right).or_default().push(k);
    }
    for s in &a.left_only {
        sides[0].entry(s.range).or_default();
    }
    for s in &a.right_only {
        sides[1].entry(s.range).or_default();
    }
    let prefix = ["l", "r"];
    let id_of = |side: usize, range: [usize; 2]| {
        let n = sides[side].keys().position(|r| *r == range).unwrap_or(0);
        format!("{}{n}", prefix[side])
    };
    let mut out: [Vec<Span>; 2] = Default::default();
    for side in 0..2 {
        for (n, (range, pairs)) in sides[side].iter().enumerate() {
            let (Some(start), Some(end)) =
                (texts[side].to_text(range[0]), texts[side].to_text(range[1]))
            else {
                continue;
            };
            let partner = pairs.first().map(|&k| {
                let p = &a.pairs[k];
                if side == 0 {
                    id_of(1, p.right)
                } else {
                    id_of(0, p.left)
                }
            });
            out[side].push(Span {
                start,
                end,
                id: format!("{}{n}", prefix[side]),
                pairs: pairs.clone(),
                partner,
            });
        }
    }
    out
}

impl Emitter for Html<'_> {
    fn begin(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut out = String::new();
        self.head(&mut out, "slant report", "reports");
        out.push_str("<main id=\"reports\">\n");
        w.write_all(out.as_bytes())
    }

    /// Each article in a section whose id is its place, so the index can
    /// link to it; the section before is closed here.
    fn separator(&self, w: &mut dyn Write, index: usize) -> io::Result<()> {
        if index > 0 {
            w.write_all(b"</section>\n")?;
        }
        writeln!(w, "<section class=\"article\" id=\"a{}\">", index + 1)
    }

    fn report(
        &self,
        w: &mut dyn Write,
        report: &Report,
        analysis: Option<&Analysis>,
    ) -> io::Result<()> {
        {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            for hit in &report.hits {
                if !seen.contains(&hit.rule) {
                    seen.insert(hit.rule.clone());
                }
            }
        }
        let mut out = String::new();
        self.report_head(&mut out, report);
        if !report.hits.is_empty() {
            let names: BTreeSet<&str> = report.hits.iter().map(|h| h.category.as_str()).collect();
            self.legend(&mut out, names.into_iter());
        }
        match analysis {
            Some(a) => {
                out.push_str("<div class=\"text single\">");
                self.article(&mut out, a, &report.hits, Vec::new());
                out.push_str("</div>\n");
            }
            None => hit_list(self, &mut out, &report.hits),
        }
        w.write_all(out.as_bytes())
    }

    fn finish(&self, w: &mut dyn Write, count: usize, ranking: &Ranking) -> io::Result<()> {
        let mut out = String::new();
        if count > 0 {
            out.push_str("</section>\n");
        } else {
            out.push_str("<p class=\"none\">No articles.</p>\n");
        }
        out.push_str("</main>\n");
        if count > 1 {
            index(&mut out, count, ranking);
        }
        let seen = std::mem::take(&mut *self.seen.lock().unwrap_or_else(|e| e.into_inner()));
        out.push_str("<footer>");
        self.rule_table(&mut out, seen.iter().map(|id| (id.as_str(), None)));
        out.push_str("</footer>\n");
        self.tail(&mut out);
        w.write_all(out.as_bytes())
    }

    fn summary(&self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        let mut out = String::new();
        self.head(&mut out, "slant summary", "summary");
        summary_page(self, &mut out, s);
        self.tail(&mut out);
        w.write_all(out.as_bytes())
    }

    fn comparison(
        &self,
        w: &mut dyn Write,
        c: &Comparison,
        texts: Option<[&Analysis; 2]>,
    ) -> io::Result<()> {
        let (l, r) = (file_name(&c.left.source), file_name(&c.right.source));
        let mut out = String::new();
        self.head(&mut out, &format!("slant: {l} and {r}"), "compare");
        let _ = writeln!(
            out,
            "<header class=\"top\"><h1>How two sources frame the story</h1>\n<p class=\"verdict\">{}</p>",
            escape(&super::text::verdict(c))
        );
        if let Some(a) = c.alignment.as_ref().filter(|a| a.few_shared) {
            let _ = writeln!(
                out,
                "<p class=\"warn\">These articles share few facts ({:.0}% of sentences pair up): they may report different events, and the verdict then compares two stories, not two framings of one.</p>",
                a.shared * 100.0
            );
        }
        out.push_str("</header>\n<main>\n<table class=\"sides-table\"><thead><tr><th></th>");
        for (side, rep) in [("left", &c.left), ("right", &c.right)] {
            let _ = write!(
                out,
                "<th class=\"{side}\"><span class=\"side-key {side}\">{side}</span> {}</th>",
                escape(file_name(&rep.source))
            );
        }
        out.push_str("</tr></thead><tbody>\n");
        let rows: [(&str, Cell); 6] = [
            ("title", |r| escape(&r.title).into_owned()),
            ("score per 1k words", |r| format!("{:.2}", r.score)),
            ("words", |r| r.words.to_string()),
            ("hits in the writer's voice", |r| {
                r.authorial_hits().to_string()
            }),
            ("in reported speech", |r| r.reported_hits().to_string()),
            ("in quotations", |r| r.quoted_hits().to_string()),
        ];
        for (label, cell) in rows {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{label}</th><td>{}</td><td>{}</td></tr>",
                cell(&c.left),
                cell(&c.right)
            );
        }
        out.push_str("</tbody></table>\n");
        self.density_chart(&mut out, c);
        let names: BTreeSet<&str> = c
            .left
            .hits
            .iter()
            .chain(&c.right.hits)
            .map(|h| h.category.as_str())
            .collect();
        self.legend(&mut out, names.into_iter());
        if let Some(a) = &c.alignment {
            let _ = writeln!(
                out,
                "<p class=\"facts\"><span class=\"key s paired\">{pairs} linked sentence pairs</span> report the same fact on both sides \
                 (hover or focus one to mark its partner; its number jumps to it); \
                 <span class=\"key s only\">dotted</span>: only one source reports it \
                 ({lo} left, {ro} right).</p>",
                pairs = a.pairs.len(),
                lo = a.left_only.len(),
                ro = a.right_only.len(),
            );
        }
        out.push_str("<div class=\"sides\">\n");
        let spans = match (&c.alignment, texts) {
            (Some(a), Some(texts)) => spans(a, texts),
            _ => Default::default(),
        };
        for ((side, rep), spans) in [("left", &c.left), ("right", &c.right)]
            .into_iter()
            .zip(spans)
        {
            let _ = write!(
                out,
                "<article class=\"side {side}\" aria-label=\"{side} source\"><h2><span class=\"side-key {side}\">{side}</span> {}</h2>\n<div class=\"text\">",
                escape(&rep.source)
            );
            match texts {
                Some(texts) => {
                    let analysis = if side == "left" { texts[0] } else { texts[1] };
                    self.article(&mut out, analysis, &rep.hits, spans);
                }
                None => hit_list(self, &mut out, &rep.hits),
            }
            out.push_str("</div></article>\n");
        }
        out.push_str("</div>\n");
        self.term_table(&mut out, c);
        self.actor_table(&mut out, c);
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for hit in c.left.hits.iter().chain(&c.right.hits) {
            *counts.entry(hit.rule.as_str()).or_default() += 1;
        }
        self.rule_table(&mut out, counts.into_iter().map(|(id, n)| (id, Some(n))));
        out.push_str("</main>\n");
        self.tail(&mut out);
        w.write_all(out.as_bytes())
    }

    /// The text report, as a page: evaluation is read by whoever tunes the
    /// packs, at a terminal; this keeps the format total.
    fn eval(&self, w: &mut dyn Write, name: &str, report: &EvalReport) -> io::Result<()> {
        let mut text = Vec::new();
        super::text::Text::new(TextStyle::default(), Some(self.rules))
            .eval(&mut text, name, report)?;
        let mut out = String::new();
        self.head(&mut out, &format!("slant eval: {name}"), "eval");
        let _ = writeln!(
            out,
            "<main><pre>{}</pre></main>",
            escape(&String::from_utf8_lossy(&text))
        );
        self.tail(&mut out);
        w.write_all(out.as_bytes())
    }
}

/// Hits as a list, for a report passed without its text.
fn hit_list(html: &Html, out: &mut String, hits: &[Hit]) {
    out.push_str("<ul class=\"hits\">");
    for hit in hits {
        let _ = write!(out, "<li>{}:{} ", hit.line, hit.column);
        html.mark(out, hit, &hit.text);
        out.push_str("</li>");
    }
    out.push_str("</ul>\n");
}

/// The sortable index of a run of reports.
fn index(out: &mut String, count: usize, ranking: &Ranking) {
    let listed = ranking.entries.len();
    let _ = write!(
        out,
        "<nav class=\"index\" aria-label=\"articles\"><h1>{count} articles</h1>"
    );
    if listed < count {
        let _ = write!(
            out,
            "<p class=\"note\">The first {listed} are listed; every article follows below.</p>"
        );
    }
    out.push_str(
        "<table class=\"sortable\"><thead><tr>\
         <th><button type=\"button\" data-sort=\"text\">article</button></th>\
         <th class=\"n\" aria-sort=\"descending\"><button type=\"button\" data-sort=\"num\">score</button></th>\
         <th class=\"n\"><button type=\"button\" data-sort=\"num\">words</button></th>\
         <th class=\"n\"><button type=\"button\" data-sort=\"num\">hits</button></th>\
         <th><button type=\"button\" data-sort=\"text\">top categories</button></th>\
         </tr></thead><tbody>\n",
    );
    for e in &ranking.entries {
        let _ = writeln!(
            out,
            "<tr><td data-v=\"{src}\"><a href=\"#a{place}\">{src}</a></td><td class=\"n\" data-v=\"{score:.3}\">{score:.2}</td>\
             <td class=\"n\" data-v=\"{words}\">{words}</td><td class=\"n\" data-v=\"{hits}\">{hits}</td>\
             <td data-v=\"{cats}\">{cats}</td></tr>",
            src = escape(&e.source),
            place = e.place + 1,
            score = e.score,
            words = e.words,
            hits = e.hits,
            cats = escape(&e.categories.join(", ")),
        );
    }
    out.push_str("</tbody></table></nav>\n");
}

/// Totals over an archive: figures, the score distribution and the
/// categories.
fn summary_page(html: &Html, out: &mut String, s: &Summary) {
    let _ = writeln!(
        out,
        "<header class=\"top\"><h1>Summary of {title}</h1>\n\
         <dl class=\"figures\"><div><dt>articles</dt><dd>{articles}</dd></div>\
         <div><dt>skipped</dt><dd>{skipped}</dd></div>\
         <div><dt>words</dt><dd>{words}</dd></div>\
         <div><dt>hits</dt><dd>{hits}</dd><dd class=\"unit\">{reported} reported, {quoted} quoted</dd></div>\
         <div><dt>mean score</dt><dd>{mean:.2}</dd><dd class=\"unit\">weighted hits per 1,000 words</dd></div></dl></header>\n<main>",
        title = plural(s.articles as usize, "article"),
        articles = s.articles,
        skipped = s.skipped,
        words = s.words,
        hits = s.hits,
        reported = s.reported_hits,
        quoted = s.quoted_hits,
        mean = s.mean_score(),
    );
    // The distribution: one column per bucket.
    let max = s
        .scores
        .histogram
        .iter()
        .map(|b| b.1)
        .max()
        .unwrap_or(0)
        .max(1);
    let n = s.scores.histogram.len().max(1);
    let (chart_h, col) = (160.0, 600.0 / n as f64);
    let _ = writeln!(
        out,
        "<figure class=\"chart\"><figcaption>Articles by score (weighted hits per 1,000 words)</figcaption>\
         <svg viewBox=\"0 0 640 210\" role=\"img\" aria-label=\"articles by score\">"
    );
    let mut lower = None::<f64>;
    for (i, (bound, count)) in s.scores.histogram.iter().enumerate() {
        let h = *count as f64 / max as f64 * chart_h;
        let x = 30.0 + col * i as f64;
        let label = match (lower, bound) {
            (_, Some(b)) if *b == 0.0 => "0".to_string(),
            (Some(l), Some(b)) => format!("{}–{}", num(l), num(*b)),
            (None, Some(b)) => format!("≤{}", num(*b)),
            (Some(l), None) => format!("&gt;{}", num(l)),
            (None, None) => "all".to_string(),
        };
        lower = *bound;
        let _ = writeln!(
            out,
            "<rect class=\"bar\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bw:.1}\" height=\"{h:.1}\"><title>{articles}</title></rect>\
             <text class=\"val\" x=\"{cx:.1}\" y=\"{ty:.1}\" text-anchor=\"middle\">{count}</text>\
             <text class=\"cat\" x=\"{cx:.1}\" y=\"196\" text-anchor=\"middle\">{label}</text>",
            y = 20.0 + chart_h - h,
            bw = col - 6.0,
            cx = x + (col - 6.0) / 2.0,
            ty = 20.0 + chart_h - h - 4.0,
            articles = plural(*count as usize, "article"),
        );
    }
    out.push_str("</svg></figure>\n");
    if !s.categories.is_empty() {
        // Per category: hits by voice, stacked.
        let max = s
            .categories
            .values()
            .map(|c| c.count)
            .max()
            .unwrap_or(0)
            .max(1);
        let row = 26.0;
        let _ = writeln!(
            out,
            "<figure class=\"chart\"><figcaption>Hits by category: \
             <span class=\"side-key authorial\">writer</span> <span class=\"side-key reported\">reported</span> \
             <span class=\"side-key quoted\">quoted</span></figcaption>\
             <svg viewBox=\"0 0 640 {h}\" role=\"img\" aria-label=\"hits by category and voice\">",
            h = row * s.categories.len() as f64 + 8.0
        );
        for (i, (name, c)) in s.categories.iter().enumerate() {
            let y = 4.0 + row * i as f64;
            let authorial = c.count.saturating_sub(c.quoted + c.reported);
            let _ = write!(
                out,
                "<text class=\"cat\" x=\"142\" y=\"{ty}\" text-anchor=\"end\">{}</text>",
                escape(name),
                ty = y + 14.0
            );
            let mut x = 150.0;
            for (class, part) in [
                ("authorial", authorial),
                ("reported", c.reported),
                ("quoted", c.quoted),
            ] {
                let w = part as f64 / max as f64 * 400.0;
                let _ = write!(
                    out,
                    "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"18\"><title>{part} {class}</title></rect>"
                );
                x += w;
            }
            let _ = writeln!(
                out,
                "<text class=\"val\" x=\"{vx:.1}\" y=\"{ty}\">{count}, weight {weighted}</text>",
                vx = x + 5.0,
                ty = y + 14.0,
                count = plural(c.count, "hit"),
                weighted = num(c.weighted.to_f64()),
            );
        }
        out.push_str("</svg></figure>\n");
        out.push_str(
            "<table class=\"cats\"><thead><tr><th>category</th><th class=\"n\">hits</th>\
             <th class=\"n\">reported</th><th class=\"n\">quoted</th><th class=\"n\">weighted</th>\
             <th class=\"n\">per 1k words</th></tr></thead><tbody>\n",
        );
        for (name, c) in &s.categories {
            let _ = writeln!(
                out,
                "<tr><td><span class=\"sw {pal}\"></span>{name}</td><td class=\"n\">{count}</td>\
                 <td class=\"n\">{reported}</td><td class=\"n\">{quoted}</td><td class=\"n\">{weighted}</td>\
                 <td class=\"n\">{density:.2}</td></tr>",
                pal = html.palette(name),
                name = escape(name),
                count = c.count,
                reported = c.reported,
                quoted = c.quoted,
                weighted = num(c.weighted.to_f64()),
                density = crate::model::per_thousand(c.count as f64, s.words as usize),
            );
        }
        out.push_str("</tbody></table>\n");
    }
    if !s.top.is_empty() {
        out.push_str(
            "<section><h2>Highest-scoring articles</h2><table><thead><tr><th>article</th>\
             <th class=\"n\">score</th><th class=\"n\">words</th></tr></thead><tbody>\n",
        );
        for t in &s.top {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"n\">{:.2}</td><td class=\"n\">{}</td></tr>",
                escape(&t.source),
                t.score,
                t.words
            );
        }
        out.push_str("</tbody></table></section>\n");
    }
    out.push_str("</main>\n");
}

/// SHA-256 (FIPS 180-4), for the script's hash in the page's policy: 40
/// lines against a crate and its five dependencies.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_and_base64_match_known_values() {
        // FIPS 180-4's examples.
        assert_eq!(
            base64(&sha256(b"abc")),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
        assert_eq!(
            base64(&sha256(b"")),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
        let long = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(
            base64(&sha256(long)),
            "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE="
        );
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"a"), "YQ==");
    }

    #[test]
    fn escape_covers_text_and_attributes() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</textarea>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/textarea&gt;"
        );
        assert!(matches!(escape("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(escape("a\0b"), "a\u{FFFD}b");
    }

    #[test]
    fn blank_lines_make_paragraph_breaks() {
        let mut out = String::new();
        paragraphs(&mut out, "one\ntwo\n\n  three <b>");
        assert_eq!(out, "one\ntwo\n<span class=\"pb\"></span>three &lt;b&gt;");
    }
}
