//! CSV for statistics packages (R's `read.csv`, pandas' `read_csv`): a
//! header, one row per article, per group or per category, RFC 4180
//! quoting, and columns in a fixed order: the category columns are every
//! category of the loaded packs, sorted, whether an article uses it or not.

use std::io::{self, Write};

use super::Emitter;
use crate::analysis::Analysis;
use crate::compare::Comparison;
use crate::eval::EvalReport;
use crate::model::{Report, per_thousand};
use crate::rules::RuleSet;
use crate::summary::Summary;

/// The CSV emitter.
#[derive(Debug, Clone)]
pub struct Csv {
    /// Every category of the loaded packs, sorted: one column each.
    categories: Vec<String>,
}

impl Csv {
    /// A CSV emitter with a column per category of `rules`.
    pub fn new(rules: &RuleSet) -> Csv {
        let mut categories: Vec<String> =
            rules.categories().iter().map(|c| c.name.clone()).collect();
        categories.sort();
        categories.dedup();
        Csv { categories }
    }

    fn header(&self, w: &mut dyn Write, fixed: &[&str], suffix: &str) -> io::Result<()> {
        let mut cells: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
        cells.extend(self.categories.iter().map(|c| format!("{c}{suffix}")));
        row(w, &cells)
    }
}

/// A field, quoted when it holds a comma, a quote or a line break.
///
/// Text that a spreadsheet would run as a formula (it starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return: a title or an id from an
/// archive can) gets a leading apostrophe, as OWASP advises against CSV
/// injection; a number, negative or not, stays a number.
fn field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err();
    let s = if formula {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

fn row(w: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
    // CRLF, as RFC 4180 says; R and pandas read either.
    write!(w, "{}\r\n", line.join(","))
}

/// A number as the other formats round it: three decimals at most.
fn num(x: f64) -> String {
    format!("{}", crate::model::to3(x))
}

impl Emitter for Csv {
    fn begin(&self, w: &mut dyn Write) -> io::Result<()> {
        self.header(
            w,
            &[
                "source",
                "id",
                "group",
                "title",
                "words",
                "score",
                "hits",
                "authorial_hits",
                "reported_hits",
                "quoted_hits",
            ],
            "_per_1k",
        )
    }

    /// A row: the article's figures, then its hits per 1,000 words in each
    /// category.
    fn report(&self, w: &mut dyn Write, r: &Report, _: Option<&Analysis>) -> io::Result<()> {
        let mut cells = vec![
            r.source.clone(),
            r.id.clone().unwrap_or_default(),
            r.group.clone().unwrap_or_default(),
            r.title.clone(),
            r.words.to_string(),
            num(r.score),
            r.hits.len().to_string(),
            r.authorial_hits().to_string(),
            r.reported_hits().to_string(),
            r.quoted_hits().to_string(),
        ];
        cells.extend(self.categories.iter().map(|c| {
            let count = r.categories.get(c).map_or(0, |s| s.count);
            num(per_thousand(count as f64, r.words))
        }));
        row(w, &cells)
    }

    fn summary(&self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        self.groups(w, std::slice::from_ref(s))
    }

    /// A row per group (one, without `--group-by`): size, scores, voice
    /// shares, and per category the mean of the articles' densities.
    fn groups(&self, w: &mut dyn Write, groups: &[Summary]) -> io::Result<()> {
        self.header(
            w,
            &[
                "group",
                "articles",
                "words",
                "hits",
                "mean_score",
                "median_score",
                "p90_score",
                "authorial_share",
                "reported_share",
                "quoted_share",
            ],
            "_mean_per_1k",
        )?;
        for g in groups {
            let opt = |x: Option<f64>| x.map_or(String::new(), num);
            let shares = g.voice_shares();
            let share = |i: usize| shares.map_or(String::new(), |s| num(s[i]));
            let mut cells = vec![
                g.group.clone().unwrap_or_default(),
                g.articles.to_string(),
                g.words.to_string(),
                g.hits.to_string(),
                num(g.mean_score()),
                opt(g.scores.quantile(0.5)),
                opt(g.scores.quantile(0.9)),
                share(0),
                share(1),
                share(2),
            ];
            cells.extend(self.categories.iter().map(|c| {
                let sum = g.categories.get(c).map_or(0.0, |t| t.density_sum.to_f64());
                if g.articles == 0 {
                    String::new()
                } else {
                    num(sum / g.articles as f64)
                }
            }));
            row(w, &cells)?;
        }
        Ok(())
    }

    /// A row per category: hits and density on each side.
    fn comparison(
        &self,
        w: &mut dyn Write,
        c: &Comparison,
        _: Option<[&Analysis; 2]>,
    ) -> io::Result<()> {
        let header = [
            "category",
            "left_hits",
            "left_per_1k",
            "right_hits",
            "right_per_1k",
            "difference",
        ];
        row(w, &header.map(String::from))?;
        for d in &c.categories {
            row(
                w,
                &[
                    d.category.clone(),
                    d.left.count.to_string(),
                    num(d.left.density),
                    d.right.count.to_string(),
                    num(d.right.density),
                    num(d.delta),
                ],
            )?;
        }
        Ok(())
    }

    /// A row per rule: its hits against the annotations.
    fn eval(&self, w: &mut dyn Write, _: &str, r: &EvalReport) -> io::Result<()> {
        let header = ["rule", "hits", "true_hits", "false_hits", "precision"];
        row(w, &header.map(String::from))?;
        for m in &r.rules {
            row(
                w,
                &[
                    m.name.clone(),
                    m.hits.to_string(),
                    m.true_hits.to_string(),
                    m.false_hits.to_string(),
                    num(m.precision),
                ],
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_or_breaks_are_quoted() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"so\""), "\"say \"\"so\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn text_a_spreadsheet_would_run_is_not_a_formula() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+1 and more"), "'+1 and more");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-cmd"), "'-cmd");
        assert_eq!(field("\rx"), "\"'\rx\"");
        // Numbers stay numbers.
        assert_eq!(field("-0.25"), "-0.25");
        assert_eq!(field("+3"), "+3");
        assert_eq!(field("1e-3"), "1e-3");
    }
}
