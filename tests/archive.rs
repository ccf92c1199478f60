//! Archive work through the real binary: JSON Lines in, any thread count,
//! bad lines skipped and named, summaries of shards that add up to the whole.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn slant(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slant"))
        .args(args)
        .arg("--no-config")
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("binary runs")
}

/// A JSON Lines archive of `n` articles built from the seed pair's
/// paragraphs, so records differ in length, hits and quotes.
const OUTLETS: [&str; 3] = ["Daily Post", "Evening Wire", "Harbour Times"];

fn archive(dir: &Path, n: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paragraphs = Vec::new();
    for seed in [
        "corpus/000_4fdb1282455ab5f8.txt",
        "corpus/004_3bdeed25ccb9e8ca.txt",
    ] {
        let text = std::fs::read_to_string(root.join(seed)).expect("seed");
        paragraphs.extend(
            text.split("\n\n")
                .map(str::to_string)
                .filter(|p| !p.trim().is_empty()),
        );
    }
    let mut out = String::new();
    for i in 0..n {
        let body: Vec<&str> = (0..(i % 7) + 1)
            .map(|k| paragraphs[(i * 3 + k * 5) % paragraphs.len()].as_str())
            .collect();
        let record = serde_json::json!({
            "id": format!("a{i}"),
            "title": format!("Article {i}"),
            "text": body.join("\n\n"),
            "ignored": [1, 2, 3],
            "outlet": OUTLETS[i % 3],
            "date": format!("2024-{:02}-{:02}", i % 4 + 1, i % 28 + 1),
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    std::fs::write(dir.join("archive.jsonl"), &out).expect("write");
    out
}

fn text(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

#[test]
fn one_thread_and_many_threads_give_identical_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    archive(dir.path(), 400);
    for format in [
        &["--format", "jsonl"][..],
        &["--format", "json"],
        &["--format", "text"],
        &["--summary", "--format", "json"],
    ] {
        let run = |threads: &str| {
            let mut args = vec![
                "score",
                "--input-format",
                "jsonl",
                "archive.jsonl",
                "--threads",
                threads,
            ];
            args.extend_from_slice(format);
            let o = slant(&args, dir.path());
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
            o.stdout
        };
        let one = run("1");
        assert!(!one.is_empty());
        for threads in ["2", "3", "8"] {
            assert!(
                one == run(threads),
                "{format:?} differs with {threads} threads"
            );
        }
    }
}

#[test]
fn folders_are_scored_in_parallel_in_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..60 {
        std::fs::write(
            dir.path().join(format!("{i:03}.txt")),
            format!(
                "Headline {i}\n\n{}",
                "Obviously a so-called plan. ".repeat(i % 5)
            ),
        )
        .expect("write");
    }
    let run = |threads: &str| {
        text(&slant(
            &["score", ".", "--format", "jsonl", "-j", threads],
            dir.path(),
        ))
    };
    let one = run("1");
    assert_eq!(one.lines().count(), 60);
    assert_eq!(one, run("4"));
}

#[test]
fn bad_json_lines_are_named_and_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("mixed.jsonl"),
        concat!(
            "{\"id\": \"one\", \"text\": \"Obviously.\"}\n",
            "{\"id\": \"two\", \"text\": \n",
            "\n",
            "{\"id\": \"three\", \"title\": \"No text\"}\n",
            "{\"id\": 4, \"text\": \"Clearly.\"}\n",
        ),
    )
    .expect("write");
    let o = slant(
        &[
            "score",
            "--input-format",
            "jsonl",
            "mixed.jsonl",
            "--format",
            "jsonl",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let ids: Vec<String> = text(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON")["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"one\"", "\"4\""]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("mixed.jsonl:2: not a JSON article"), "{err}");
    assert!(err.contains("mixed.jsonl:4: not a JSON article"), "{err}");
    assert!(
        !err.contains("mixed.jsonl:3"),
        "blank lines are not articles: {err}"
    );
}

#[test]
fn oversized_articles_are_reported_and_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = "word ".repeat(100);
    std::fs::write(
        dir.path().join("a.jsonl"),
        format!(
            "{{\"text\": \"short\"}}\n{{\"text\": \"{long}\"}}\n{{\"text\": \"short again\"}}\n"
        ),
    )
    .expect("write");
    std::fs::write(dir.path().join("big.txt"), &long).expect("write");
    let o = slant(
        &[
            "score",
            "--input-format",
            "jsonl",
            "a.jsonl",
            "--format",
            "jsonl",
            "--max-article-bytes",
            "100",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o).lines().count(), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("a.jsonl:2: the line is 512 bytes"));
    let o = slant(
        &["score", "big.txt", "--max-article-bytes", "100"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("big.txt: is 500 bytes"));
}

/// Summarises `input` (a file in `dir`) as the per-shard command of
/// docs/performance.md does: JSON Lines on standard input, a summary out.
fn mapper(dir: &Path, input: &str) -> Vec<u8> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_slant"))
        .args([
            "score",
            "--no-config",
            "--input-format",
            "jsonl",
            "--summary",
            "--format",
            "json",
            "-",
        ])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let data = std::fs::read(dir.join(input)).expect("shard");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&data)
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0));
    o.stdout
}

/// The per-shard command of docs/performance.md, then the merge: the same
/// bytes as one run over the whole archive, for any split and any order the
/// shards arrive in.
#[test]
fn shard_summaries_merge_into_the_summary_of_the_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let all = archive(dir.path(), 250);
    let lines: Vec<&str> = all.lines().collect();
    let whole = slant(
        &[
            "score",
            "--input-format",
            "jsonl",
            "archive.jsonl",
            "--summary",
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(whole.status.code(), Some(0));
    let parsed: serde_json::Value = serde_json::from_slice(&whole.stdout).expect("JSON");
    assert!(
        parsed["hits"].as_u64().unwrap() > 100,
        "the archive has hits"
    );
    // The five longest articles, longest first.
    let words: Vec<u64> = parsed["largest"]
        .as_array()
        .expect("largest")
        .iter()
        .map(|a| a["words"].as_u64().unwrap())
        .collect();
    assert_eq!(words.len(), 5);
    assert!(words.windows(2).all(|w| w[0] >= w[1]), "{words:?}");

    // Two splits, each merged in its order and in reverse and shuffled.
    for cuts in [vec![0, 97, 250], vec![0, 13, 50, 51, 160, 222, 250]] {
        let mut shards = Vec::new();
        for (n, pair) in cuts.windows(2).enumerate() {
            let name = format!("part-{n}");
            std::fs::write(
                dir.path().join(&name),
                lines[pair[0]..pair[1]].join("\n") + "\n",
            )
            .expect("write");
            shards.push(mapper(dir.path(), &name));
        }
        let count = shards.len();
        let orders: Vec<Vec<usize>> = vec![
            (0..count).collect(),
            (0..count).rev().collect(),
            (0..count).map(|i| (i * 5 + 3) % count).collect(),
        ];
        for order in orders {
            let mut sorted: Vec<usize> = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..count).collect::<Vec<_>>(), "a permutation");
            let joined: Vec<u8> = order.iter().flat_map(|&i| shards[i].clone()).collect();
            std::fs::write(dir.path().join("shards.json"), &joined).expect("write");
            let merged = slant(
                &["merge-summaries", "shards.json", "--format", "json"],
                dir.path(),
            );
            assert_eq!(
                merged.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&merged.stderr)
            );
            assert_eq!(
                String::from_utf8_lossy(&merged.stdout),
                String::from_utf8_lossy(&whole.stdout),
                "split {cuts:?}, order {order:?}"
            );
        }
    }
}

/// Summaries per group: one JSON line per group, in group order, that merge
/// across shards to the same bytes as one run.
#[test]
fn group_summaries_merge_like_the_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let all = archive(dir.path(), 120);
    let grouped = |file: &str, by: &str| {
        slant(
            &[
                "score",
                "--input-format",
                "jsonl",
                file,
                "--summary",
                "--group-by",
                by,
                "--format",
                "json",
            ],
            dir.path(),
        )
    };
    let whole = grouped("archive.jsonl", "outlet");
    assert_eq!(
        whole.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&whole.stderr)
    );
    let lines: Vec<serde_json::Value> = text(&whole)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let names: Vec<&str> = lines.iter().map(|l| l["group"].as_str().unwrap()).collect();
    assert_eq!(names, ["Daily Post", "Evening Wire", "Harbour Times"]);
    assert!(lines.iter().all(|l| l["articles"] == 40), "{lines:?}");
    assert!(lines[0]["scores"]["median"].is_number());
    assert!(lines[0]["terms"].as_object().is_some_and(|t| !t.is_empty()));

    let records: Vec<&str> = all.lines().collect();
    std::fs::write(dir.path().join("a.jsonl"), records[..70].join("\n") + "\n").expect("write");
    std::fs::write(dir.path().join("b.jsonl"), records[70..].join("\n") + "\n").expect("write");
    let (a, b) = (grouped("a.jsonl", "outlet"), grouped("b.jsonl", "outlet"));
    for shards in [[&a, &b], [&b, &a]] {
        let joined: Vec<u8> = shards.iter().flat_map(|o| o.stdout.clone()).collect();
        std::fs::write(dir.path().join("shards.json"), joined).expect("write");
        let merged = slant(
            &["merge-summaries", "shards.json", "--format", "json"],
            dir.path(),
        );
        assert_eq!(text(&merged), text(&whole));
    }

    // By month: the first seven characters of the date.
    let months = grouped("archive.jsonl", "date:7");
    let groups: Vec<String> = text(&months)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["group"].to_string())
        .collect();
    assert_eq!(
        groups,
        ["\"2024-01\"", "\"2024-02\"", "\"2024-03\"", "\"2024-04\""]
    );

    // With actors, each group's actors: articles, mentions, tone.
    let with_actors = slant(
        &[
            "score",
            "--input-format",
            "jsonl",
            "archive.jsonl",
            "--summary",
            "--group-by",
            "outlet",
            "--format",
            "json",
            "--actors",
        ],
        dir.path(),
    );
    let first: serde_json::Value =
        serde_json::from_str(text(&with_actors).lines().next().expect("a line")).expect("JSON");
    let actors = first["actors"].as_object().expect("actors");
    assert!(
        actors.values().any(|a| a["mentions"].as_u64() > Some(0)),
        "{actors:?}"
    );

    // A table for people.
    let table = slant(
        &[
            "score",
            "--input-format",
            "jsonl",
            "archive.jsonl",
            "--summary",
            "--group-by",
            "outlet",
        ],
        dir.path(),
    );
    let out = text(&table);
    assert!(out.starts_with("group"), "{out}");
    assert!(
        out.contains("Evening Wire") && out.contains("top terms:"),
        "{out}"
    );
}

#[test]
fn group_by_needs_json_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    archive(dir.path(), 3);
    let o = slant(
        &[
            "score",
            "archive.jsonl",
            "--summary",
            "--group-by",
            "outlet",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--input-format jsonl"));
    let o = slant(
        &[
            "score",
            "--input-format",
            "jsonl",
            "archive.jsonl",
            "--summary",
            "--group-by",
            "date:0",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("positive number"));
}

/// A table for statistics packages: a header, a row per article with its
/// group, a column per category of the packs, quoted where needed.
#[test]
fn csv_has_a_row_per_article_and_per_group() {
    let dir = tempfile::tempdir().expect("temp dir");
    archive(dir.path(), 9);
    let o = slant(
        &[
            "score",
            "--input-format",
            "jsonl",
            "archive.jsonl",
            "--format",
            "csv",
            "--group-by",
            "outlet",
        ],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = text(&o);
    let rows: Vec<&str> = out.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 10, "{out}");
    let header: Vec<&str> = rows[0].split(',').collect();
    assert_eq!(
        header[..6],
        ["source", "id", "group", "title", "words", "score"]
    );
    assert!(header.contains(&"certainty_per_1k"), "{header:?}");
    // Titles have no commas here, so every row has the header's columns.
    for row in &rows[1..] {
        assert_eq!(row.split(',').count(), header.len(), "{row}");
    }
    assert!(
        rows[1].starts_with("archive.jsonl,a0,Daily Post,Article 0,"),
        "{}",
        rows[1]
    );

    let o = slant(
        &[
            "score",
            "--input-format",
            "jsonl",
            "archive.jsonl",
            "--summary",
            "--format",
            "csv",
            "--group-by",
            "outlet",
        ],
        dir.path(),
    );
    let out = text(&o);
    let rows: Vec<&str> = out.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 4, "{out}");
    assert!(rows[0].starts_with("group,articles,words,hits,mean_score,median_score,p90_score,"));
    assert!(rows[2].starts_with("Evening Wire,3,"), "{}", rows[2]);
}

/// Two outlets of an archive compared from their group summaries: means, a
/// difference and its interval per category; a group against itself shows
/// no clear difference.
#[test]
fn two_groups_compare_with_an_interval_on_each_difference() {
    let dir = tempfile::tempdir().expect("temp dir");
    archive(dir.path(), 90);
    let o = slant(
        &[
            "score",
            "--input-format",
            "jsonl",
            "archive.jsonl",
            "--summary",
            "--group-by",
            "outlet",
            "--format",
            "json",
        ],
        dir.path(),
    );
    std::fs::write(dir.path().join("outlets.json"), &o.stdout).expect("write");
    let compare = |left: &str, right: &str, format: &str| {
        slant(
            &[
                "compare",
                "outlets.json",
                "outlets.json",
                "--summaries",
                "--left-group",
                left,
                "--right-group",
                right,
                "--format",
                format,
            ],
            dir.path(),
        )
    };
    let o = compare("Daily Post", "Evening Wire", "json");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let c: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(c["articles"], serde_json::json!([30, 30]));
    let categories = c["categories"].as_array().expect("categories");
    assert!(!categories.is_empty());
    for pair in categories {
        let d = &pair[1];
        let [lo, hi] = [
            d["interval"][0].as_f64().unwrap(),
            d["interval"][1].as_f64().unwrap(),
        ];
        let diff = d["difference"].as_f64().unwrap();
        assert!(lo <= diff + 1e-3 && diff <= hi + 1e-3, "{d}");
    }

    let same = compare("Harbour Times", "Harbour Times", "text");
    let out = text(&same);
    assert!(out.contains("No clear difference in mean score"), "{out}");
    assert!(!out.lines().any(|l| l.ends_with(" *")), "{out}");

    let o = slant(
        &["compare", "outlets.json", "outlets.json", "--summaries"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Daily Post, Evening Wire, Harbour Times"));
}

#[test]
fn group_by_a_field_unique_per_record_stops_with_advice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lines: String = (0..5_001)
        .map(|i| format!("{{\"id\": \"r{i}\", \"text\": \"A word.\"}}\n"))
        .collect();
    std::fs::write(dir.path().join("many.jsonl"), lines).expect("write");
    let o = slant(
        &[
            "score",
            "--input-format",
            "jsonl",
            "many.jsonl",
            "--summary",
            "--group-by",
            "id",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("more than 5000 groups") && err.contains("date:7"),
        "{err}"
    );
}
