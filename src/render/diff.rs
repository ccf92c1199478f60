//! `slant fix` as a unified diff: the lines an edit touches, as written
//! (`-`) and rewritten (`+`), no context lines (a line of an article is a
//! whole paragraph). Uncoloured, the output is a patch `patch -p0` applies;
//! the rule id and each change stand in the hunk header, where a patch
//! allows free text. Coloured, the changed words are also marked.

use std::io::{self, Write};

use colored::Colorize;

use super::Paint;
use crate::fix::Edit;

/// Writes the diff of `edits` (sorted, not overlapping) on `input`, the
/// file `name`. Nothing when there are no edits.
pub fn write_diff(
    w: &mut dyn Write,
    name: &str,
    input: &str,
    edits: &[Edit],
    paint: Paint,
) -> io::Result<()> {
    if edits.is_empty() {
        return Ok(());
    }
    writeln!(w, "{}", paint.paint(&format!("--- {name}").bold()))?;
    writeln!(w, "{}", paint.paint(&format!("+++ {name}").bold()))?;
    // Hunks: runs of edits whose lines touch, each widened to whole lines.
    let mut shift: isize = 0;
    let mut i = 0;
    while i < edits.len() {
        let start = line_start(input, edits[i].start);
        let mut end = line_end(input, edits[i].end);
        let mut j = i + 1;
        while j < edits.len() && edits[j].start <= end {
            // Most edits end on the line already taken in: look for a
            // line's end only when one runs past it (each look reads to the
            // end of a line, and a long line holds many edits).
            if edits[j].end > end {
                end = line_end(input, edits[j].end);
            }
            j += 1;
        }
        let hunk = &edits[i..j];
        shift += write_hunk(w, input, start, end, hunk, shift, paint)?;
        i = j;
    }
    Ok(())
}

/// Writes one hunk over `input[start..end]` (whole lines); returns how many
/// lines the hunk adds (negative when it removes some).
fn write_hunk(
    w: &mut dyn Write,
    input: &str,
    start: usize,
    end: usize,
    edits: &[Edit],
    shift: isize,
    paint: Paint,
) -> io::Result<isize> {
    // The old and the new text as pieces, each marked changed or not.
    let mut old: Vec<(&str, bool)> = Vec::new();
    let mut new: Vec<(&str, bool)> = Vec::new();
    let mut at = start;
    for e in edits {
        old.push((&input[at..e.start], false));
        new.push((&input[at..e.start], false));
        old.push((&e.old, true));
        new.push((&e.new, true));
        at = e.end;
    }
    old.push((&input[at..end], false));
    new.push((&input[at..end], false));

    let count = |pieces: &[(&str, bool)]| {
        let text: usize = pieces.iter().map(|(s, _)| s.matches('\n').count()).sum();
        // The last line need not end in a newline.
        text + usize::from(
            !pieces
                .iter()
                .map(|(s, _)| *s)
                .collect::<String>()
                .ends_with('\n'),
        )
    };
    let (old_lines, new_lines) = (count(&old), count(&new));
    let first = edits.first().map_or(1, |e| e.line);
    let new_first = (first as isize + shift).max(1);
    let changes: Vec<String> = edits
        .iter()
        .map(|e| {
            format!(
                "{} \"{}\" → \"{}\"",
                e.rule,
                e.old.trim_matches([' ', '\t']),
                e.new.trim_matches([' ', '\t'])
            )
        })
        .collect();
    writeln!(
        w,
        "{} {}",
        paint.paint(&format!("@@ -{first},{old_lines} +{new_first},{new_lines} @@").cyan()),
        changes.join("; ")
    )?;
    write_side(w, &old, '-', paint)?;
    write_side(w, &new, '+', paint)?;
    Ok(new_lines as isize - old_lines as isize)
}

/// One side of a hunk, line by line, prefixed by `sign`; changed pieces
/// marked when painting.
fn write_side(
    w: &mut dyn Write,
    pieces: &[(&str, bool)],
    sign: char,
    paint: Paint,
) -> io::Result<()> {
    let style = |s: &str, changed: bool| {
        let base = if sign == '-' { s.red() } else { s.green() };
        paint.paint(&if changed {
            base.bold().underline()
        } else {
            base
        })
    };
    let mut line = style(&sign.to_string(), false);
    let mut ended = true;
    for (text, changed) in pieces {
        for (k, part) in text.split('\n').enumerate() {
            if k > 0 {
                writeln!(w, "{line}")?;
                line = style(&sign.to_string(), false);
                ended = true;
            }
            if !part.is_empty() {
                line.push_str(&style(part, *changed));
                ended = false;
            }
        }
    }
    if !ended {
        writeln!(w, "{line}")?;
        writeln!(w, "\\ No newline at end of file")?;
    }
    Ok(())
}

fn line_start(input: &str, at: usize) -> usize {
    input[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(input: &str, at: usize) -> usize {
    input[at..].find('\n').map_or(input.len(), |i| at + i + 1)
}
