//! Neutral rewrites: the edits `slant fix` shows and applies.
//!
//! A rule's `replace:` says what its terms become. [`plan`] turns a
//! report's hits into [`Edit`]s on the input: only hits in the writer's own
//! voice (quoted and reported speech is someone else's wording), only
//! `safe` replacements unless review ones are asked for, the replacement's
//! case adapted to the original's, and the spaces (or commas) around a
//! dropped word removed with it. [`apply`] writes the edits into the text;
//! every byte outside the edits is kept as it was.

use std::path::Path;
use std::time::SystemTime;

use serde::Serialize;

use crate::model::{Report, Safety, Voice};
use crate::rules::RuleSet;

/// One replacement in the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Byte offset in the input where the replaced text starts.
    pub start: usize,
    /// Byte offset where it ends, exclusive.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
    /// The rule whose hit this rewrites.
    pub rule: String,
    /// Whether the meaning is unchanged.
    pub safety: Safety,
    /// The input's text from `start` to `end` (the hit, and any space or
    /// comma removed with a dropped word).
    pub old: String,
    /// What it becomes.
    pub new: String,
}

/// The edits for `report`'s hits on `input` (the text its offsets refer
/// to): `safe` replacements, and `review` ones too when `review` is set.
/// Edits are sorted and do not overlap; a hit whose edit would overlap the
/// one before is left alone.
pub fn plan(rules: &RuleSet, report: &Report, input: &str, review: bool) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    let mut lines = LineCounter::new(input);
    let quotes = quoted_spans(input);
    let mut q = 0;
    for hit in &report.hits {
        // The writer's words only: a quotation or a source's reported
        // claim is not the writer's to reword.
        if hit.voice != Voice::Authorial {
            continue;
        }
        // Nor anything between quote marks, scare quotes included: the
        // writer put the marks there to set those words apart. Hits come
        // in order, so one pointer walks the spans.
        while quotes.get(q).is_some_and(|s| s.1 <= hit.start) {
            q += 1;
        }
        if quotes.get(q).is_some_and(|s| s.0 < hit.end) {
            continue;
        }
        let Some(rule) = rules.rule(&hit.rule) else {
            continue;
        };
        let Some(replace) = &rule.replace else {
            continue;
        };
        if replace.safety == Safety::Review && !review {
            continue;
        }
        // The file's bytes must be the matched words themselves: in an HTML
        // page a hit may span an entity (`so&#8209;called`) or markup,
        // which a word-for-word rewrite would break.
        let Some(old) = input.get(hit.start..hit.end).filter(|old| *old == hit.text) else {
            continue;
        };
        let Some(to) = replace.for_text(old) else {
            continue;
        };
        let (start, end, new) = if to.is_empty() {
            drop_word(input, hit.start, hit.end)
        } else {
            (hit.start, hit.end, match_case(old, to))
        };
        let (start, new) = fix_article(input, start, end, new);
        if edits.last().is_some_and(|e| start < e.end) || input.get(start..end).is_none() {
            continue;
        }
        let (line, column) = lines.at(start);
        edits.push(Edit {
            start,
            end,
            line,
            column,
            rule: rule.id.clone(),
            safety: replace.safety,
            old: input[start..end].to_string(),
            new,
        });
    }
    edits
}

/// Spans between quote marks (`"…"`, `“…”`), found in one pass; a quote
/// left open ends at the line's end (a quoted paragraph that goes on in
/// the next one opens again there).
fn quoted_spans(input: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in input.char_indices() {
        match (c, open) {
            ('"', Some(s)) | ('”', Some(s)) => {
                spans.push((s, i + c.len_utf8()));
                open = None;
            }
            ('"', None) | ('“', None) => open = Some(i),
            ('\n', Some(s)) => {
                spans.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        spans.push((s, input.len()));
    }
    spans
}

/// `input` with `edits` (sorted, not overlapping) applied.
pub fn apply(input: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(input.len());
    let mut at = 0;
    for e in edits {
        if e.start < at || input.get(at..e.start).is_none() {
            continue;
        }
        out.push_str(&input[at..e.start]);
        out.push_str(&e.new);
        at = e.end;
    }
    out.push_str(input.get(at..).unwrap_or(""));
    out
}

/// `to` in the case of `old`: all capitals stay capitals (`CLAIMED` →
/// `SAID`), a capital first letter stays one (`Claimed` → `Said`), and
/// otherwise the replacement is used as the pack writes it.
pub fn match_case(old: &str, to: &str) -> String {
    let letters: Vec<char> = old.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return to.to_uppercase();
    }
    if old.chars().next().is_some_and(char::is_uppercase) {
        return capitalize(to);
    }
    to.to_string()
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The span to remove, and what replaces it, to drop the word at
/// `start..end` so that the sentence still reads:
///
/// - at a sentence's start, the word, a comma after it and the spaces go,
///   and the next word takes the capital ("Clearly, the plan" → "The plan");
/// - between commas, the word and one comma go ("It is, obviously, a" →
///   "It is a");
/// - between spaces, the word and the spaces after it ("has humiliatingly
///   backtracked" → "has backtracked");
/// - before punctuation, the spaces before it ("it failed obviously." →
///   "it failed.").
fn drop_word(input: &str, start: usize, end: usize) -> (usize, usize, String) {
    let before = &input[..start];
    let after = &input[end..];
    let blank = |c: char| c == ' ' || c == '\t';
    let before_trimmed = before.trim_end_matches(blank);
    let after_trimmed = after.trim_start_matches(blank);
    let spaces_after = after.len() - after_trimmed.len();
    let spaces_before = before.len() - before_trimmed.len();

    let sentence_start = before_trimmed.is_empty()
        || before_trimmed.ends_with('\n')
        || before_trimmed
            .trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with(['.', '!', '?', '…']);
    if sentence_start && spaces_after + end < input.len() {
        // Past an optional comma and the spaces after the word.
        let rest = after_trimmed.strip_prefix(',').unwrap_or(after_trimmed);
        let rest = rest.trim_start_matches(blank);
        let cut = input.len() - rest.len();
        let capital = input[start..end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        return match rest.chars().next() {
            Some(c) if capital && c.is_lowercase() => {
                (start, cut + c.len_utf8(), c.to_uppercase().collect())
            }
            _ => (start, cut, String::new()),
        };
    }
    if before_trimmed.ends_with(',') && after_trimmed.starts_with(',') {
        return (
            start - spaces_before - 1,
            end + spaces_after + 1,
            String::new(),
        );
    }
    if spaces_before > 0 && spaces_after > 0 {
        return (start, end + spaces_after, String::new());
    }
    if spaces_before > 0 {
        return (start - spaces_before, end, String::new());
    }
    (start, end, String::new())
}

/// "a" or "an" before `start` agreeing with the word that follows the
/// edit (by its first letter: "an obviously rushed vote" loses "obviously"
/// and becomes "a rushed vote"). Returns the edit's new start and text.
fn fix_article(input: &str, start: usize, end: usize, new: String) -> (usize, String) {
    let before = &input[..start];
    let Some(gap_start) = before.strip_suffix(' ').map(str::len) else {
        return (start, new);
    };
    let word_start = before[..gap_start]
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let article = &before[word_start..gap_start];
    if !["a", "an"].contains(&article.to_lowercase().as_str()) {
        return (start, new);
    }
    let next = new
        .chars()
        .chain(input[end..].chars())
        .find(|c| !c.is_whitespace());
    let Some(next) = next.filter(|c| c.is_alphabetic()) else {
        return (start, new);
    };
    let vowel = "aeiouAEIOU".contains(next);
    if vowel == (article.len() == 2) {
        return (start, new);
    }
    let capital = article.starts_with('A');
    let want = match (vowel, capital) {
        (true, true) => "An",
        (true, false) => "an",
        (false, true) => "A",
        (false, false) => "a",
    };
    (
        word_start,
        format!("{want}{}{new}", &input[gap_start..start]),
    )
}

/// Line and column of offsets asked for in increasing order, in one pass
/// over the text.
struct LineCounter<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    line_start: usize,
    /// The column of `at`.
    column: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            at: 0,
            line: 1,
            line_start: 0,
            column: 1,
        }
    }

    /// Line and column of `offset`, counted on from the last offset asked
    /// for (edits come in order), so a long line is read once, not once
    /// per edit on it.
    fn at(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            // Out of order: count the column from the line's start again.
            let column = self
                .text
                .get(self.line_start..offset)
                .map_or(1, |s| s.chars().count() + 1);
            return (self.line, column);
        }
        let chunk = self.text.get(self.at..offset).unwrap_or("");
        match chunk.rfind('\n') {
            Some(i) => {
                self.line += chunk.bytes().filter(|&b| b == b'\n').count();
                self.line_start = self.at + i + 1;
                self.column = self
                    .text
                    .get(self.line_start..offset)
                    .map_or(1, |s| s.chars().count() + 1);
            }
            None => self.column += chunk.chars().count(),
        }
        self.at = offset;
        (self.line, self.column)
    }
}

/// Why [`write_if_unchanged`] did not write.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file no longer holds what was read, or its modification time
    /// moved: someone edited it meanwhile.
    #[error("the file changed since it was read")]
    Changed,
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Replaces the file at `path` with `fixed`, unless it no longer holds
/// `read` or its modification time is not `before` (the one seen before
/// reading). The new text goes to a file beside it first, then is renamed
/// over it, so a reader never sees half a file; a symbolic link's target
/// is rewritten, with its permissions kept.
pub fn write_if_unchanged(
    path: &Path,
    read: &[u8],
    before: Option<SystemTime>,
    fixed: &str,
) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    if meta.modified().ok() != before || std::fs::read(&target)? != read {
        return Err(WriteError::Changed);
    }
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = target.with_file_name(format!(".{file_name}.slant-fix-{}", std::process::id()));
    let result = std::fs::write(&temp, fixed)
        .and_then(|()| std::fs::set_permissions(&temp, meta.permissions()))
        .and_then(|()| std::fs::rename(&temp, &target));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(e.into());
    }
    Ok(())
}

/// Whitespace runs made one space and the ends trimmed: how rewrites are
/// compared with a human's neutral version.
pub fn squash_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dropped(text: &str, word: &str) -> String {
        let start = text.find(word).unwrap();
        let (s, e, new) = drop_word(text, start, start + word.len());
        format!("{}{new}{}", &text[..s], &text[e..])
    }

    #[test]
    fn dropping_a_word_keeps_the_sentence_readable() {
        assert_eq!(
            dropped("Japan has humiliatingly backtracked.", "humiliatingly"),
            "Japan has backtracked."
        );
        assert_eq!(
            dropped("Clearly, the plan failed.", "Clearly"),
            "The plan failed."
        );
        assert_eq!(
            dropped("It ended. Obviously the plan failed.", "Obviously"),
            "It ended. The plan failed."
        );
        assert_eq!(
            dropped("It is, obviously, a failure.", "obviously"),
            "It is a failure."
        );
        assert_eq!(dropped("It failed obviously.", "obviously"), "It failed.");
    }

    #[test]
    fn the_article_agrees_with_the_next_word() {
        let text = "It was an obviously rushed vote.";
        let start = text.find("obviously").unwrap();
        let (s, e, new) = drop_word(text, start, start + "obviously".len());
        let (s, new) = fix_article(text, s, e, new);
        assert_eq!(
            format!("{}{new}{}", &text[..s], &text[e..]),
            "It was a rushed vote."
        );
        let text = "A shockingly unusual step.";
        let start = text.find("shockingly").unwrap();
        let (s, e, new) = drop_word(text, start, start + "shockingly".len());
        let (s, new) = fix_article(text, s, e, new);
        assert_eq!(
            format!("{}{new}{}", &text[..s], &text[e..]),
            "An unusual step."
        );
    }

    #[test]
    fn case_follows_the_original() {
        assert_eq!(match_case("Claimed", "said"), "Said");
        assert_eq!(match_case("claimed", "said"), "said");
        assert_eq!(match_case("CLAIMED", "said"), "SAID");
        assert_eq!(match_case("Élan", "vigour"), "Vigour");
        assert_eq!(match_case("claimed", "Said"), "Said");
    }
}
