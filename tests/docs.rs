//! Docs that cannot drift: every shell command shown in README.md and
//! docs/*.md, and every example in `--help`, is run against the real binary
//! in a folder of stand-in files (article.txt, archive.jsonl, newsroom.yaml
//! from the guide…) and must end as documented: exit 0, or 1 where the
//! command sets `--fail-over`, and no error. Commands that need data outside
//! the repository (../shared, Hadoop) or another tool are listed and skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn slant_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_slant"))
        .parent()
        .expect("the binary's folder")
        .to_path_buf()
}

/// A folder holding every file the docs' commands name.
fn stand_ins() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let read = |p: &str| std::fs::read(root().join(p)).expect("repository file");
    let commentary = read("corpus/000_4fdb1282455ab5f8.txt");
    let wire = read("corpus/004_3bdeed25ccb9e8ca.txt");
    for (name, text) in [
        ("article.txt", &commentary),
        ("draft.md", &commentary),
        ("left.txt", &commentary),
        ("commentary.txt", &commentary),
        ("right.txt", &wire),
        ("wire.txt", &wire),
    ] {
        std::fs::write(d.join(name), text).expect("write");
    }
    // A saved news page and a Windows-1252 file, for the input examples.
    std::fs::write(
        d.join("page.html"),
        read("tests/fixtures/inputs/news-page.html"),
    )
    .expect("write");
    std::fs::write(
        d.join("legacy.txt"),
        read("tests/fixtures/inputs/windows-1252.txt"),
    )
    .expect("write");
    for folder in ["drafts", "articles", "corpus"] {
        std::fs::create_dir(d.join(folder)).expect("mkdir");
        std::fs::write(d.join(folder).join("000_4fdb1282455ab5f8.txt"), &commentary)
            .expect("write");
        std::fs::write(d.join(folder).join("004_3bdeed25ccb9e8ca.txt"), &wire).expect("write");
    }
    let record = |id: &str, text: &[u8]| {
        let outlet = if id == "a" { "Commentary" } else { "Wire" };
        let date = if id == "a" {
            "2024-10-02"
        } else {
            "2023-06-05"
        };
        serde_json::json!({"id": id, "text": String::from_utf8_lossy(text), "outlet": outlet, "date": date})
            .to_string()
    };
    std::fs::write(
        d.join("archive.jsonl"),
        format!("{}\n{}\n", record("a", &commentary), record("b", &wire)),
    )
    .expect("write");
    std::fs::write(
        d.join("story.actors.yaml"),
        read("corpus/asian-nato.actors.yaml"),
    )
    .expect("write");
    std::fs::write(
        d.join("babe.dev.jsonl"),
        read("tests/fixtures/eval_small.jsonl"),
    )
    .expect("write");
    // Lexicons for `rules import`, written for the tests.
    for (name, fixture) in [
        ("moral.dic", "moral.dic"),
        ("lexicon.txt", "vader.txt"),
        ("loaded.txt", "words.txt"),
    ] {
        std::fs::write(
            d.join(name),
            read(&format!("tests/fixtures/import/{fixture}")),
        )
        .expect("write");
    }
    // The pack of the CLI guide, as printed there.
    let guide = String::from_utf8(read("docs/cli.md")).expect("UTF-8");
    let from = guide
        .find("Write a pack file, say `newsroom.yaml`:")
        .expect("the pack");
    let pack = guide[from..]
        .split("```yaml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a yaml block");
    std::fs::write(d.join("newsroom.yaml"), pack).expect("write");
    std::fs::write(d.join("my-pack.yaml"), pack).expect("write");
    // Summaries of two shards, for merge-summaries.
    let summary = Command::new(env!("CARGO_BIN_EXE_slant"))
        .args([
            "score",
            "--input-format",
            "jsonl",
            "archive.jsonl",
            "--summary",
            "--format",
            "json",
        ])
        .current_dir(d)
        .output()
        .expect("runs")
        .stdout;
    for name in ["part-00000", "part-00001", "shard-1.json", "shard-2.json"] {
        std::fs::write(d.join(name), &summary).expect("write");
    }
    dir
}

/// The commands of the `sh` blocks of a Markdown file, comments removed.
fn markdown_commands(text: &str) -> Vec<String> {
    text.split("```sh\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .flat_map(str::lines)
        .map(|l| l.split(" #").next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The example commands of a `--help` text: indented lines that start with
/// a command, cut where two spaces start the description.
fn help_commands(help: &str) -> Vec<String> {
    help.split("Examples:")
        .nth(1)
        .unwrap_or("")
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .map(|l| l.split("  ").next().unwrap_or("").trim().to_string())
        .filter(|l| l.starts_with("slant ") || l.contains("| slant"))
        .collect()
}

fn needs_outside_data(command: &str) -> bool {
    let outside = ["../shared", "pbpaste", "hadoop", "cargo ", "bench/"];
    // Hadoop Streaming's own flags, as whole words: `--input-format` is ours.
    let hadoop = ["-files", "-input", "-mapper", "-reducer", "-numReduceTasks"];
    outside.iter().any(|s| command.contains(s))
        || command.split_whitespace().any(|w| hadoop.contains(&w))
        || !(command.starts_with("slant ") || command.starts_with("cat "))
}

fn run(dir: &Path, command: &str) -> (i32, String) {
    let path = format!(
        "{}:{}",
        slant_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let stdin = std::fs::File::open(dir.join("archive.jsonl")).expect("stdin");
    let o = Command::new("sh")
        .args(["-c", command])
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .stdin(stdin)
        .output()
        .expect("sh runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn every_documented_command_runs_as_documented() {
    let mut commands: Vec<(String, String)> = Vec::new();
    let mut files = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    for file in &files {
        let text = std::fs::read_to_string(file).expect("doc");
        let name = file
            .strip_prefix(root())
            .unwrap_or(file)
            .display()
            .to_string();
        commands.extend(
            markdown_commands(&text)
                .into_iter()
                .map(|c| (name.clone(), c)),
        );
    }
    for sub in [
        vec!["--help"],
        vec!["score", "--help"],
        vec!["compare", "--help"],
        vec!["eval", "--help"],
        vec!["merge-summaries", "--help"],
        vec!["rules", "list", "--help"],
        vec!["rules", "check", "--help"],
        vec!["rules", "test", "--help"],
        vec!["rules", "explain", "--help"],
        vec!["rules", "import", "--help"],
    ] {
        let help = Command::new(env!("CARGO_BIN_EXE_slant"))
            .args(&sub)
            .output()
            .expect("help");
        let text = String::from_utf8_lossy(&help.stdout).into_owned();
        let name = format!("slant {}", sub.join(" "));
        commands.extend(help_commands(&text).into_iter().map(|c| (name.clone(), c)));
    }
    assert!(
        commands.len() > 40,
        "found only {} commands",
        commands.len()
    );
    let dir = stand_ins();
    let mut failures = Vec::new();
    let mut ran = 0;
    for (place, command) in &commands {
        if needs_outside_data(command) {
            continue;
        }
        ran += 1;
        let (code, stderr) = run(dir.path(), command);
        let allowed = code == 0 || code == 1 && command.contains("--fail-over");
        if !allowed || stderr.contains("error:") {
            failures.push(format!("{place}: `{command}` exited {code}: {stderr}"));
        }
    }
    assert!(ran > 30, "ran only {ran} commands");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
