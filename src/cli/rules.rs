//! `slant rules`: list, check, test and explain rule packs.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use colored::{ColoredString, Colorize};
use slant::config::Config;
use slant::render::{self, Paint};
use slant::{Engine, PackSource, RuleSet};

use slant::import::{self as lexicon, ImportOptions, Imported};

use super::args::{Format, RuleArgs, RulesCommand};
use super::{Failure, Outcome, Ui, engine, load_rules};

pub(super) fn run(command: RulesCommand, config: &Config, ui: &Ui) -> Result<Outcome, Failure> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let p = ui.out;
    let outcome = match command {
        RulesCommand::List { rules, format } => {
            let set = load_rules(&rules, config, ui)?;
            list(&mut out, &set, format, p)?;
            Outcome::Clean
        }
        RulesCommand::Check {
            paths,
            no_default_rules,
        } => {
            let args = RuleArgs {
                rules: paths,
                no_default_rules,
            };
            let set = load_rules(&args, config, ui)?;
            for note in set.overrides() {
                writeln!(out, "{} {note}", p.paint(&"note:".yellow().bold()))?;
            }
            for warning in set.warnings() {
                writeln!(out, "{} {warning}", p.paint(&"warning:".yellow().bold()))?;
            }
            let terms: usize = set.rules().iter().map(|r| r.terms.len()).sum();
            let forms: usize = set
                .rules()
                .iter()
                .flat_map(|r| &r.terms)
                .map(|t| t.forms.len())
                .sum();
            writeln!(
                out,
                "{} {}, {}, {}, {}{}",
                p.paint(&"ok:".green().bold()),
                count(set.packs().len(), "pack"),
                count(set.categories().len(), "category"),
                count(set.rules().len(), "rule"),
                count(terms, "term"),
                if forms > 0 {
                    format!(" (and {forms} generated word forms)")
                } else {
                    String::new()
                }
            )?;
            Outcome::Clean
        }
        RulesCommand::Test {
            paths,
            no_default_rules,
        } => {
            let only: Vec<String> = paths
                .iter()
                .map(|p| {
                    PackSource::from_path(p)
                        .map(|s| s.into_iter().map(|s| s.name).collect::<Vec<_>>())
                })
                .collect::<Result<Vec<_>, _>>()?
                .concat();
            let args = RuleArgs {
                rules: paths,
                no_default_rules,
            };
            let engine = engine(&args, config, ui)?;
            test(&mut out, &engine, &only, p)?
        }
        RulesCommand::Explain { id, rules } => {
            let set = load_rules(&rules, config, ui)?;
            explain(&mut out, &set, &id, p)?;
            Outcome::Clean
        }
        RulesCommand::Import {
            file,
            from,
            output,
            pack,
            category,
            categories,
            weight,
            polarity,
            min_abs,
            max_abs,
            source,
            license,
            list_skipped,
        } => {
            let request = ImportRequest {
                file,
                output,
                list_skipped,
            };
            let name = display_name(&request.file);
            let options = ImportOptions {
                format: from.into(),
                pack: pack.unwrap_or_else(|| pack_name_from(&request.file)),
                category,
                weight,
                polarity: polarity.map(Into::into),
                min_abs,
                max_abs,
                source: source.unwrap_or_else(|| file_name(&request.file, &name)),
                license,
                only: categories,
            };
            import(&mut out, &request, &options, config, ui)?
        }
    };
    out.flush()?;
    Ok(outcome)
}

fn list(out: &mut dyn Write, set: &RuleSet, format: Format, p: Paint) -> Result<(), Failure> {
    if format == Format::Json {
        let packs: Vec<_> = set
            .packs()
            .iter()
            .enumerate()
            .map(|(i, pack)| {
                let rules: Vec<_> = set
                    .rules()
                    .iter()
                    .filter(|r| r.pack == i)
                    .map(|r| {
                        serde_json::json!({
                            "id": r.id,
                            "category": set.category_of(r).name,
                            "weight": r.weight,
                            "terms": r.terms.iter().map(|t| &t.text).collect::<Vec<_>>(),
                            "detector": r.detector.map(|d| d.name()),
                        })
                    })
                    .collect();
                serde_json::json!({
                    "pack": pack.name,
                    "source": pack.source,
                    "description": pack.description,
                    "rules": rules,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &packs).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    for (i, pack) in set.packs().iter().enumerate() {
        writeln!(
            out,
            "{} {}",
            p.paint(&pack.name.bold()),
            p.paint(&format!("({})", pack.source).dimmed())
        )?;
        if let Some(d) = &pack.description {
            writeln!(out, "  {d}")?;
        }
        for (c, cat) in set.categories().iter().enumerate() {
            let rules: Vec<_> = set
                .rules()
                .iter()
                .filter(|r| r.pack == i && r.category == c)
                .collect();
            if rules.is_empty() && cat.pack != i {
                continue;
            }
            writeln!(
                out,
                "  {} {}",
                p.paint(&format!("{} (weight {})", cat.name, cat.weight).bold()),
                cat.description.as_deref().unwrap_or("")
            )?;
            for r in rules {
                let found_by = match r.detector {
                    Some(d) => format!("detector {}", d.name()),
                    None => format!("{:>3} terms", r.terms.len()),
                };
                writeln!(out, "    {:<34} {found_by}  weight {}", r.id, r.weight)?;
            }
        }
    }
    Ok(())
}

fn test(
    out: &mut dyn Write,
    engine: &Engine,
    only: &[String],
    p: Paint,
) -> Result<Outcome, Failure> {
    let set = engine.rules();
    let in_scope = |id: &str| {
        only.is_empty()
            || set
                .rule(id)
                .is_some_and(|r| only.contains(&set.pack_of(r).source))
    };
    let checked: usize = set
        .rules()
        .iter()
        .filter(|r| in_scope(&r.id))
        .map(|r| r.examples_match.len() + r.examples_no_match.len() + r.examples_fix.len())
        .sum();
    let failures: Vec<_> = engine
        .check_examples()
        .into_iter()
        .filter(|f| in_scope(&f.rule))
        .collect();
    for f in &failures {
        if let Some((expected, got)) = &f.fix {
            writeln!(
                out,
                "{} {}: the rewrite differs",
                p.paint(&"FAIL".red().bold()),
                p.paint(&f.rule.bold())
            )?;
            writeln!(out, "  example:  {}", f.example)?;
            writeln!(out, "  expected: {expected}")?;
            writeln!(out, "  got:      {got}")?;
            continue;
        }
        let expectation = if f.expected_match {
            "should match but does not"
        } else {
            "should not match but does"
        };
        writeln!(
            out,
            "{} {}: {expectation}",
            p.paint(&"FAIL".red().bold()),
            p.paint(&f.rule.bold())
        )?;
        writeln!(out, "  example: {}", f.example)?;
        if !f.found.is_empty() {
            writeln!(out, "  found:   {}", f.found.join(", "))?;
        }
    }
    if checked == 0 {
        writeln!(
            out,
            "{} no examples to run: add `examples:` with `match:` and `no_match:` texts to each rule (see docs/rule-format.md)",
            p.paint(&"note:".yellow().bold())
        )?;
        Ok(Outcome::Clean)
    } else if failures.is_empty() {
        writeln!(
            out,
            "{} {} behave as declared",
            p.paint(&"ok:".green().bold()),
            count(checked, "example")
        )?;
        Ok(Outcome::Clean)
    } else {
        writeln!(
            out,
            "{} {} of {checked} examples failed",
            p.paint(&"fail:".red().bold()),
            failures.len()
        )?;
        Ok(Outcome::Flagged)
    }
}

fn explain(out: &mut dyn Write, set: &RuleSet, id: &str, p: Paint) -> Result<(), Failure> {
    // An id, or a term: "slant rules explain burgeoning" finds its rule.
    let Some(rule) = set.rule(id).or_else(|| set.rule_for_term(id)) else {
        let mut near: Vec<&str> = set
            .rules()
            .iter()
            .map(|r| r.id.as_str())
            .filter(|r| r.contains(id) || id.split('.').next().is_some_and(|p| r.starts_with(p)))
            .collect();
        near.truncate(8);
        return Err(Failure::Message {
            message: format!("no rule with id `{id}`"),
            help: if near.is_empty() {
                "list the rule ids with `slant rules list`".into()
            } else {
                format!("did you mean one of: {}", near.join(", "))
            },
        });
    };
    let b = |s: &str| p.paint(&s.bold());
    let cat = set.category_of(rule);
    let pack = set.pack_of(rule);
    writeln!(out, "{}", b(&rule.id))?;
    writeln!(out, "{}", rule.message)?;
    if let Some(s) = &rule.suggestion {
        writeln!(out, "\n{} {s}", b("Use instead:"))?;
    }
    writeln!(
        out,
        "\n{} {} (weight {})",
        b("Category:"),
        cat.name,
        rule.weight
    )?;
    if let Some(d) = &cat.description {
        writeln!(out, "  {d}")?;
    }
    if let Some(r) = &cat.rationale {
        writeln!(out, "\n{}", b("Why it matters:"))?;
        for line in render::wrap(r, 76) {
            writeln!(out, "  {line}")?;
        }
    }
    match rule.detector {
        Some(d) => writeln!(
            out,
            "\n{} the built-in `{}` detector (docs/scoring.md says what it finds)",
            b("Found by:"),
            d.name()
        )?,
        None => {
            let terms: Vec<&str> = rule.terms.iter().map(|t| t.text.as_str()).collect();
            writeln!(out, "\n{} {}", b("Terms:"), terms.join(", "))?;
        }
    }
    for t in rule.terms.iter().filter(|t| !t.forms.is_empty()) {
        writeln!(
            out,
            "{} {} → {}",
            b("Word forms:"),
            t.text,
            t.forms.join(", ")
        )?;
    }
    if !rule.exceptions.is_empty() {
        writeln!(out, "{} {}", b("Exceptions:"), rule.exceptions.join(", "))?;
    }
    for (heading, context) in [
        ("Not flagged when", &rule.unless),
        ("Only flagged when", &rule.only),
    ] {
        if let Some(c) = context {
            explain_context(out, &b(heading), c)?;
        }
    }
    if !rule.examples_match.is_empty() || !rule.examples_no_match.is_empty() {
        writeln!(out, "\n{}", b("Examples:"))?;
        let (flagged, passed): (ColoredString, ColoredString) =
            ("flagged:    ".red(), "not flagged:".green());
        for e in &rule.examples_match {
            writeln!(out, "  {} {e}", p.paint(&flagged))?;
        }
        for e in &rule.examples_no_match {
            writeln!(out, "  {} {e}", p.paint(&passed))?;
        }
    }
    writeln!(out, "\n{} {} ({})", b("Pack:"), pack.name, pack.source)?;
    Ok(())
}

/// One line per side of an `unless:` or `only:`, as an editor would say it.
fn explain_context(
    out: &mut dyn Write,
    heading: &str,
    context: &slant::context::Context,
) -> Result<(), Failure> {
    let words = if context.within == 1 {
        "the next word".to_string()
    } else {
        format!("the next {} words", context.within)
    };
    for (side, list) in [
        ("followed by", &context.followed_by),
        ("preceded by", &context.preceded_by),
    ] {
        if list.is_empty() {
            continue;
        }
        // Forms of a `+` word share its text: show it once.
        let mut shown: Vec<&str> = Vec::new();
        for w in list {
            if !shown.contains(&w.text.as_str()) {
                shown.push(&w.text);
            }
        }
        let window = if side == "followed by" {
            words.clone()
        } else {
            words.replace("next", "previous")
        };
        writeln!(
            out,
            "{heading} {side} one of: {} (in {window})",
            shown.join(", ")
        )?;
    }
    Ok(())
}

/// "1 pack", "2 packs", "3 categories".
fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// Where `rules import` reads and writes.
struct ImportRequest {
    file: PathBuf,
    output: Option<PathBuf>,
    list_skipped: bool,
}

/// Largest lexicon read: far above any published one (VADER's is 0.4 MB).
const MAX_LEXICON_BYTES: u64 = 64 * 1024 * 1024;

/// The file's name without folders, or `name` (standard input's `-`).
fn file_name(path: &Path, name: &str) -> String {
    if path.as_os_str() == "-" {
        return name.to_string();
    }
    path.file_name()
        .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned())
}

/// How messages name the input: its path, or standard input for `-`.
fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "standard input".into()
    } else {
        path.display().to_string()
    }
}

/// A pack name from the file's: `Moral Foundations.dic` → `moral-foundations`.
fn pack_name_from(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| lexicon::slug(&s.to_string_lossy()))
        .unwrap_or_default();
    if stem.starts_with(|c: char| c.is_ascii_lowercase()) {
        stem
    } else {
        "imported".to_string()
    }
}

fn read_lexicon(path: &Path, name: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        io::stdin()
            .lock()
            .take(MAX_LEXICON_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_LEXICON_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| Failure::Message {
        message: format!("{name}: cannot read: {e}"),
        help: "check the path and its permissions".into(),
    })?;
    if bytes.len() as u64 > MAX_LEXICON_BYTES {
        return Err(Failure::Message {
            message: format!("{name}: over {MAX_LEXICON_BYTES} bytes"),
            help: "split the lexicon into several files and import each as a pack".into(),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        Failure::Message {
            message: format!("{name}:{line}: not UTF-8 text"),
            help: format!(
                "convert it first, e.g. `iconv -f windows-1252 -t utf-8 {name} > lexicon.utf8` (older LIWC dictionaries are often Windows-1252)"
            ),
        }
    })
}

/// Imports a lexicon, checks the pack loads over the packs every command
/// loads, writes it, and reports on stderr what was left out.
fn import(
    out: &mut dyn Write,
    request: &ImportRequest,
    options: &ImportOptions,
    config: &Config,
    ui: &Ui,
) -> Result<Outcome, Failure> {
    let name = display_name(&request.file);
    let text = read_lexicon(&request.file, &name)?;
    let imported = match lexicon::import(&name, &text, options) {
        Ok(imported) => imported,
        Err(errors) => {
            let _ = write!(io::stderr(), "{errors}");
            return Ok(Outcome::Error);
        }
    };
    report_skipped(&name, &imported, request.list_skipped, options, ui);
    check_layered(&imported, request, config)?;
    match &request.output {
        Some(path) => std::fs::write(path, &imported.yaml).map_err(|e| Failure::Message {
            message: format!("{}: cannot write: {e}", path.display()),
            help: "check the folder exists and is writable".into(),
        })?,
        None => out.write_all(imported.yaml.as_bytes())?,
    }
    let written = request
        .output
        .as_ref()
        .map_or_else(|| "standard output".into(), |p| p.display().to_string());
    let _ = writeln!(
        io::stderr(),
        "{} pack `{}` with {}, {}, {} to {written}",
        ui.err.paint(&"imported:".green().bold()),
        options.pack,
        count(imported.categories, "category"),
        count(imported.rules, "rule"),
        count(imported.terms, "term"),
    );
    Ok(Outcome::Clean)
}

/// The skipped entries, grouped by why: a count and the first three, or
/// every one with `--list-skipped`. Never silent.
fn report_skipped(
    name: &str,
    imported: &Imported,
    list_all: bool,
    options: &ImportOptions,
    ui: &Ui,
) {
    let mut groups: Vec<(&'static str, Vec<&lexicon::Skipped>)> = Vec::new();
    for s in &imported.skipped {
        let summary = s.reason.summary();
        match groups.iter_mut().find(|(g, _)| *g == summary) {
            Some((_, list)) => list.push(s),
            None => groups.push((summary, vec![s])),
        }
    }
    let warning = ui.err.paint(&"warning:".yellow().bold());
    let mut err = io::stderr().lock();
    for (summary, list) in &groups {
        let what = if list[0].reason.drops_entry() {
            "skipped"
        } else {
            "changed"
        };
        let _ = writeln!(
            err,
            "{warning} {name}: {what} {}: {summary}",
            count(list.len(), "entry")
        );
        let shown = if list_all { list.len() } else { 3 };
        for s in list.iter().take(shown) {
            let _ = writeln!(err, "  {name}:{s}");
        }
        if list.len() > shown {
            let _ = writeln!(
                err,
                "  … and {} more (--list-skipped lists them all)",
                list.len() - shown
            );
        }
    }
    if imported.not_chosen > 0 {
        let _ = writeln!(
            err,
            "{} {name}: left out {} in none of the categories chosen with --categories",
            ui.err.paint(&"note:".yellow().bold()),
            count(imported.not_chosen, "word")
        );
    }
    if imported.below_cutoff > 0 {
        let min = options.min_abs.unwrap_or(lexicon::DEFAULT_MIN_ABS);
        let _ = writeln!(
            err,
            "{} {name}: left out {} with |valence| under {min} (--min-abs)",
            ui.err.paint(&"note:".yellow().bold()),
            count(imported.below_cutoff, "entry")
        );
    }
}

/// Loads the new pack over the default packs and slant.yaml's, as every
/// command will, so a pack that would not load (a category or pack name
/// already taken) is refused here rather than at the next `score`.
fn check_layered(
    imported: &Imported,
    request: &ImportRequest,
    config: &Config,
) -> Result<(), Failure> {
    let mut sources = Vec::new();
    if !config.no_default_rules {
        sources.extend(PackSource::defaults());
    }
    // The file being replaced may be one of slant.yaml's packs: its old
    // version would clash with the new one.
    let replaced = request
        .output
        .as_ref()
        .and_then(|p| std::fs::canonicalize(p).ok());
    for path in &config.rules {
        for source in PackSource::from_path(path)? {
            let same = replaced.is_some() && std::fs::canonicalize(&source.name).ok() == replaced;
            if !same {
                sources.push(source);
            }
        }
    }
    let name = request
        .output
        .as_ref()
        .map_or_else(|| "the imported pack".into(), |p| p.display().to_string());
    sources.push(PackSource {
        name,
        text: imported.yaml.clone(),
    });
    RuleSet::load_layered(&sources, &config.disable_rules, &config.disable_categories).map_err(
        |errors| Failure::Message {
            message: format!("the imported pack would not load with the others, so it was not written:\n{errors}"),
            help: "choose another --pack or --category name (for a LIWC dictionary, rename the category in its header)".into(),
        },
    )?;
    Ok(())
}
