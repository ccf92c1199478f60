//! `slant rules`: list, check, test and explain rule packs.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};
use slant::config::Config;
use slant::render::{self, Paint};
use slant::{Engine, PackSource, RuleSet};

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
        .map(|r| r.examples_match.len() + r.examples_no_match.len())
        .sum();
    let failures: Vec<_> = engine
        .check_examples()
        .into_iter()
        .filter(|f| in_scope(&f.rule))
        .collect();
    for f in &failures {
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
