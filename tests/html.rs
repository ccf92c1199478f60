//! The HTML emitter: snapshots of each page on the fixed test pack
//! (`tests/fixtures/test-pack.yaml`) and the harbour articles, with the
//! page's style and script left out of the snapshots (they are the same
//! files on every page); pages of hostile articles and rule text checked
//! tag by tag; the CLI's `--format html` and `--output`. The browser checks
//! are `tests/browser/run.sh`.

use std::path::Path;
use std::process::Command;

use slant::align::align;
use slant::compare::Comparison;
use slant::render::Emitter;
use slant::render::html::Html;
use slant::summary::{Ranked, RankingOptions, Summary, ranking};
use slant::{Analysis, Engine, PackSource, Report, RuleSet, ScoreOptions};

const LEFT: &str = "tests/fixtures/articles/harbour-a.txt";
const RIGHT: &str = "tests/fixtures/articles/harbour-b.txt";
const HOSTILE_LEFT: &str = "tests/fixtures/hostile/left.txt";
const HOSTILE_RIGHT: &str = "tests/fixtures/hostile/right.txt";
const HOSTILE_PACK: &str = "tests/fixtures/hostile/pack.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap()
}

fn pack(path: &str) -> PackSource {
    PackSource {
        name: path.into(),
        text: String::from_utf8(read(path)).unwrap(),
    }
}

fn engine(packs: &[&str]) -> Engine {
    let sources: Vec<PackSource> = packs.iter().map(|p| pack(p)).collect();
    Engine::new(RuleSet::load(&sources).unwrap()).unwrap()
}

fn test_engine() -> Engine {
    engine(&["tests/fixtures/test-pack.yaml"])
}

fn analysed(engine: &Engine, path: &str) -> (Analysis, Report) {
    let analysis = engine.analyze(path, &read(path));
    let report = engine.report(&analysis, &ScoreOptions::default());
    (analysis, report)
}

fn render(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    f(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The page without its style sheet, script and policy hash, which are
/// the same on every page.
fn without_assets(page: &str) -> String {
    let mut out = page.to_string();
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        let from = out.find(open).expect("the tag") + open.len();
        let to = from + out[from..].find(close).expect("its end");
        out.replace_range(from..to, "…");
    }
    let from = out.find("'sha256-").expect("the script hash") + 8;
    let to = from + out[from..].find('\'').expect("its end");
    out.replace_range(from..to, "…");
    out
}

fn comparison(engine: &Engine, left: &str, right: &str) -> (String, Comparison) {
    let (la, lr) = analysed(engine, left);
    let (ra, rr) = analysed(engine, right);
    let alignment = align(&la, &ra, [&lr, &rr]);
    let c = Comparison::new(lr, rr).with_alignment(alignment);
    let html = Html::new(engine.rules());
    let page = render(|w| html.comparison(w, &c, Some([&la, &ra])));
    (page, c)
}

/// A run of reports as `slant score` writes it, each with its text.
fn run_of(engine: &Engine, paths: &[&str]) -> (String, Vec<Report>) {
    let html = Html::new(engine.rules());
    let mut reports = Vec::new();
    let page = render(|w| {
        html.begin(w)?;
        let mut ranked = Vec::new();
        for (i, path) in paths.iter().enumerate() {
            let (a, r) = analysed(engine, path);
            html.separator(w, i)?;
            html.report(w, &r, Some(&a))?;
            let mut entry = Ranked::from(&r);
            entry.place = i;
            ranked.push(entry);
            reports.push(r);
        }
        let options = RankingOptions {
            min_words: 0,
            ..RankingOptions::default()
        };
        html.finish(w, paths.len(), &ranking(ranked, &options))
    });
    (page, reports)
}

fn marks(page: &str) -> usize {
    page.matches("<mark class=\"hit").count()
}

#[test]
fn comparison_page() {
    let engine = test_engine();
    let (page, c) = comparison(&engine, LEFT, RIGHT);
    assert_eq!(marks(&page), c.left.hits.len() + c.right.hits.len());
    assert!(
        page.contains("data-pair=\""),
        "aligned sentences are linked"
    );
    assert!(page.contains("class=\"s only\""), "facts one side reports");
    assert_tags_allowed(&page);
    insta::assert_snapshot!(without_assets(&page));
}

#[test]
fn one_report_page() {
    let engine = test_engine();
    let (page, reports) = run_of(&engine, &[LEFT]);
    assert_eq!(marks(&page), reports[0].hits.len());
    assert!(
        !page.contains("class=\"index\""),
        "one article needs no index"
    );
    assert_tags_allowed(&page);
    insta::assert_snapshot!(without_assets(&page));
}

#[test]
fn many_reports_page_has_an_index_linking_each_section() {
    let engine = test_engine();
    let (page, reports) = run_of(&engine, &[LEFT, RIGHT]);
    assert_eq!(
        marks(&page),
        reports.iter().map(|r| r.hits.len()).sum::<usize>()
    );
    for n in 1..=2 {
        assert!(page.contains(&format!("<a href=\"#a{n}\">")));
        assert!(page.contains(&format!("<section class=\"article\" id=\"a{n}\">")));
    }
    assert_eq!(
        page.matches("<section class=\"article\"").count(),
        page.matches("</section>").count() - page.matches("<section class=\"rules\"").count()
    );
    assert_tags_allowed(&page);
    insta::assert_snapshot!(without_assets(&page));
}

#[test]
fn summary_page() {
    let engine = test_engine();
    let mut summary = Summary::default();
    for path in [LEFT, RIGHT] {
        summary.add(&analysed(&engine, path).1);
    }
    let html = Html::new(engine.rules());
    let page = render(|w| html.summary(w, &summary));
    assert!(page.contains("<svg"), "charts");
    assert_tags_allowed(&page);
    insta::assert_snapshot!(without_assets(&page));
}

#[test]
fn hostile_articles_and_rule_text_are_escaped() {
    let engine = engine(&["tests/fixtures/test-pack.yaml", HOSTILE_PACK]);
    let (compare, c) = comparison(&engine, HOSTILE_LEFT, HOSTILE_RIGHT);
    let (reports, _) = run_of(&engine, &[HOSTILE_LEFT, HOSTILE_RIGHT]);
    let hits = c.left.hits.len() + c.right.hits.len();
    assert!(
        c.left.hits.iter().any(|h| h.rule == "hostile.rushed"),
        "the hostile rule fires, so its message is on the page"
    );
    for page in [&compare, &reports] {
        assert_tags_allowed(page);
        assert_eq!(page.matches("<script").count(), 1, "only the page's own");
        assert!(
            page.contains("&lt;script&gt;window.__pwned = &quot;textarea&quot;&lt;/script&gt;")
        );
        assert!(page.contains("&lt;/textarea&gt;"));
        assert!(
            page.contains("Says &lt;script&gt;window.__pwned=&quot;message&quot;&lt;/script&gt;")
        );
        assert!(
            page.contains("&quot; onmouseover=&quot;window.__pwned=&#39;suggestion&#39;&quot;")
        );
        assert!(page.contains("data-category=\"hostile&lt;b&gt;\""));
    }
    assert_eq!(marks(&compare), hits);
}

/// Tags a page may hold, and their attributes: anything an article or a
/// rule could smuggle in (a tag, an event handler, a `javascript:` link)
/// fails here.
const TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "main",
    "footer",
    "nav",
    "section",
    "article",
    "figure",
    "figcaption",
    "div",
    "span",
    "p",
    "h1",
    "h2",
    "h3",
    "a",
    "b",
    "br",
    "mark",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "ul",
    "li",
    "pre",
    "button",
    "svg",
    "rect",
    "text",
    "script",
];
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "class",
    "id",
    "tabindex",
    "href",
    "title",
    "role",
    "aria-label",
    "aria-hidden",
    "aria-sort",
    "hidden",
    "scope",
    "type",
    "viewBox",
    "preserveAspectRatio",
    "x",
    "y",
    "width",
    "height",
    "text-anchor",
];

fn assert_tags_allowed(page: &str) {
    let mut rest = page;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with('/') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find('>').expect("a tag ends");
        let tag = rest[..end].trim_end_matches('/');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(TAGS.contains(&name.as_str()), "unexpected tag <{tag}>");
        // Attributes: name="value", values without a double quote.
        let mut attrs = tag[name.len()..].trim();
        while !attrs.is_empty() {
            let key_end = attrs.find(['=', ' ']).unwrap_or(attrs.len());
            let key = &attrs[..key_end];
            assert!(
                ATTRIBUTES.contains(&key) || key.starts_with("data-"),
                "unexpected attribute {key} in <{tag}>"
            );
            attrs = &attrs[key_end..];
            if let Some(value) = attrs.strip_prefix("=\"") {
                let close = value.find('"').expect("a quoted value");
                if key == "href" {
                    assert!(value.starts_with('#'), "a link off the page: <{tag}>");
                }
                attrs = &value[close + 1..];
            }
            attrs = attrs.trim_start();
        }
        // A script's or a style's body is the page's own; skip it.
        for raw in ["script", "style"] {
            if name == raw {
                let close = format!("</{raw}>");
                rest = &rest[rest.find(&close).expect("closed")..];
            }
        }
    }
}

fn slant(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_slant"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs")
}

#[test]
fn cli_writes_pages_to_output_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = |p: &str| root().join(p).display().to_string();
    let (left, right) = (path(LEFT), path(RIGHT));
    let pack = path("tests/fixtures/test-pack.yaml");
    let common = [
        "--no-default-rules",
        "--rules",
        pack.as_str(),
        "--no-config",
    ];
    let cases: [(&str, Vec<&str>); 4] = [
        ("compare.html", vec!["compare", &left, &right]),
        ("one.html", vec!["score", &left]),
        ("many.html", vec!["score", &left, &right]),
        ("summary.html", vec!["score", &left, &right, "--summary"]),
    ];
    for (file, args) in &cases {
        let mut all = args.clone();
        all.extend(common);
        all.extend(["--format", "html", "--output", file]);
        let o = slant(&all, d);
        assert!(
            o.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(o.stdout.is_empty(), "{file}: the page goes to the file");
        let page = std::fs::read_to_string(d.join(file)).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
        assert_tags_allowed(&page);
    }
    let many = std::fs::read_to_string(d.join("many.html")).unwrap();
    assert!(
        many.contains("<a href=\"#a2\">"),
        "the index links each article"
    );
    let summary = std::fs::read_to_string(d.join("summary.html")).unwrap();
    assert!(summary.contains("Summary of 2 articles"));
    // A summary in JSON becomes a page too.
    let json = slant(&["score", &left, "--summary", "--format", "json"], d);
    std::fs::write(d.join("part.json"), &json.stdout).unwrap();
    let merged = slant(&["merge-summaries", "part.json", "--format", "html"], d);
    assert!(String::from_utf8_lossy(&merged.stdout).contains("Summary of 1 article<"));
    // A folder that does not exist: a clear error, exit 2.
    let o = slant(
        &[
            "score",
            &left,
            "--format",
            "html",
            "-o",
            "no/such/dir/x.html",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write"));
}
