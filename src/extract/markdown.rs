//! Markdown drafts: the prose is scored; code (blocks and inline), URLs and
//! link targets, images, front matter and raw HTML are not. Block quotes
//! are quoted speech. Parsed with pulldown-cmark, whose events carry their
//! source ranges, so every piece of text maps back to the file exactly.

use pulldown_cmark::{Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::{Builder, comment_directives};
use crate::input::Extracted;

/// Extracts the prose of a Markdown document (`shift`: input bytes before
/// `input`, a byte-order mark).
pub fn extract(input: &str, shift: usize) -> Extracted<'static> {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    let mut b = Builder::new(input, shift);
    // Inside elements whose text is not prose (code, images, autolinks),
    // or the front matter.
    let mut skip = 0usize;
    let mut front_matter: Option<MetadataBlockKind> = None;
    let mut front_title: Option<String> = None;
    let mut heading: Option<(usize, bool)> = None;
    let mut first_heading: Option<String> = None;
    let mut quote_depth = 0usize;
    let mut quote_start = 0;
    for (event, range) in Parser::new_ext(input, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::MetadataBlock(kind) => front_matter = Some(kind),
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock => skip += 1,
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => skip += 1,
                Tag::Heading { .. } => {
                    b.block_break();
                    heading = Some((b.text.len(), first_heading.is_none()));
                }
                Tag::BlockQuote(_) => {
                    b.block_break();
                    if quote_depth == 0 {
                        quote_start = b.text.len();
                    }
                    quote_depth += 1;
                }
                Tag::Paragraph | Tag::Item | Tag::List(_) => b.block_break(),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::MetadataBlock(_) => front_matter = None,
                TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock => {
                    skip = skip.saturating_sub(1);
                    if tag == TagEnd::CodeBlock {
                        b.block_break();
                    }
                }
                TagEnd::Link => {
                    // Only autolinks counted into `skip`; an ordinary link's
                    // text is prose. The link's own range tells which.
                    let source = input.get(range.clone()).unwrap_or("");
                    if source.starts_with('<') && source.ends_with('>') {
                        skip = skip.saturating_sub(1);
                    }
                }
                TagEnd::Heading(_) => {
                    if let Some((start, true)) = heading.take() {
                        let title = b.text.get(start..).unwrap_or("").trim();
                        if !title.is_empty() {
                            first_heading = Some(title.to_string());
                        }
                    }
                    b.block_break();
                }
                TagEnd::BlockQuote(_) => {
                    quote_depth = quote_depth.saturating_sub(1);
                    if quote_depth == 0 {
                        let end = b.text.trim_end().len();
                        if quote_start < end {
                            b.quoted.push(quote_start..end);
                        }
                    }
                    b.block_break();
                }
                TagEnd::Paragraph | TagEnd::Item | TagEnd::List(_) => b.block_break(),
                _ => {}
            },
            Event::Text(text) => {
                if front_matter.is_some() {
                    if front_title.is_none() {
                        front_title = front_matter_title(&text);
                    }
                } else if skip == 0 {
                    prose(&mut b, input, &text, range);
                }
            }
            Event::SoftBreak | Event::HardBreak if skip == 0 => {
                if input.get(range.clone()) == Some("\n") {
                    b.copy(range);
                } else {
                    b.made_up("\n");
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                comment_directives(&html, b.text.len(), &mut b.directives);
            }
            // Inline code, math, footnote marks and rules are not prose.
            _ => {}
        }
    }
    b.title = front_title.or(first_heading);
    b.finish()
}

/// Appends a text event: as it stands when the source holds it verbatim
/// (URLs left out), else (an entity, an escape) mapped to its source start.
fn prose(b: &mut Builder<'_>, input: &str, text: &str, range: std::ops::Range<usize>) {
    if input.get(range.clone()) != Some(text) {
        b.decoded(text, range.start);
        return;
    }
    let mut at = range.start;
    for url in urls(text) {
        b.copy(at..range.start + url.start);
        at = range.start + url.end;
    }
    b.copy(at..range.end);
}

/// Bare URLs in a run of text: words starting `http://`, `https://` or
/// `www.`, without trailing punctuation. A slug such as
/// `consult-obviously-reckless` is an address, not the writer's words.
pub(crate) fn urls(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..]
        .find(['h', 'w'])
        .map(|i| i + from)
        .filter(|_| from < text.len())
    {
        let rest = &text[i..];
        let starts_word = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "([<\"'“".contains(c));
        if starts_word
            && (rest.starts_with("http://")
                || rest.starts_with("https://")
                || rest.starts_with("www."))
        {
            let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let url =
                rest[..len].trim_end_matches(['.', ',', ';', ':', ')', '"', '\'', '”', '!', '?']);
            out.push(i..i + url.len());
            from = i + len.max(1);
        } else {
            from = i + 1;
        }
    }
    out
}

/// The `title:` (YAML) or `title =` (TOML) of front matter, unquoted.
fn front_matter_title(block: &str) -> Option<String> {
    block.lines().find_map(|line| {
        let rest = line
            .strip_prefix("title")?
            .trim_start()
            .strip_prefix([':', '='])?
            .trim();
        let unquoted = rest
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .or_else(|| rest.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
            .unwrap_or(rest);
        (!unquoted.is_empty()).then(|| unquoted.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_words_that_start_with_a_scheme() {
        let t = "see https://example.com/consult-obviously-reckless. And www.x.org, not awww.";
        let found: Vec<&str> = urls(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            found,
            [
                "https://example.com/consult-obviously-reckless",
                "www.x.org"
            ]
        );
    }

    #[test]
    fn front_matter_title_yaml_and_toml() {
        assert_eq!(
            front_matter_title("layout: post\ntitle: \"A plan\"\n").as_deref(),
            Some("A plan")
        );
        assert_eq!(front_matter_title("title = 'B'").as_deref(), Some("B"));
        assert_eq!(front_matter_title("subtitle: x"), None);
    }

    #[test]
    fn prose_only_with_exact_offsets() {
        let md = "---\ntitle: Draft\n---\n\n# The *so-called* plan\n\nIt is `obviously` fine &amp; [clearly](https://x.org/obviously) good.\n\n```\nobviously\n```\n\n> They said it was a disaster.\n";
        let e = extract(md, 0);
        assert_eq!(
            e.text,
            "The so-called plan\n\nIt is  fine & clearly good.\n\nThey said it was a disaster."
        );
        assert_eq!(e.title.as_deref(), Some("Draft"));
        let at = e.text.find("clearly").unwrap();
        assert_eq!(e.map.to_input(at), md.find("clearly").unwrap());
        assert_eq!(e.map.anchor(at).1.line, 7);
        let amp = e.text.find('&').unwrap();
        assert_eq!(e.map.to_input(amp), md.find("&amp;").unwrap());
        let q = e.text.find("They").unwrap();
        assert_eq!(e.quoted, vec![q..e.text.len()]);
    }

    #[test]
    fn title_falls_back_to_the_first_heading() {
        let e = extract("Intro line\n\n## First *heading*\n\ntext\n", 0);
        assert_eq!(e.title.as_deref(), Some("First heading"));
    }

    #[test]
    fn comments_become_directives() {
        let e = extract(
            "One.\n\n<!-- slant-disable-next-line certainty -->\nObviously.\n",
            0,
        );
        assert_eq!(e.text, "One.\n\nObviously.");
        assert_eq!(e.directives.len(), 1);
        assert_eq!(e.directives[0].at, 6);
    }
}
