//! Saved news pages: the article body only.
//!
//! The page is tokenized by html5gum (a WHATWG tokenizer that gives each
//! token's byte span and decodes character references); a light tree
//! builder keeps the stack of open elements. Text inside script, style,
//! navigation, headers, footers, asides, forms, menus, templates and
//! page furniture named so by class or id (cookie banners, related
//! articles, comment sections, share bars) is dropped. Of what is left, the
//! article is the `itemprop="articleBody"` element, else the `<article>`
//! with the most text, else `<main>`, else the element whose `<p>`
//! children hold the most text. `<blockquote>` and `<q>` are quoted speech.
//!
//! Offsets: text copied from the page maps to its bytes exactly; a decoded
//! character reference (`&#8209;`) maps to the start of the reference;
//! whitespace runs collapse to one space that maps to the run's start.

use std::collections::HashMap;
use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

use super::{Builder, directive};
use crate::input::Extracted;

/// Elements whose content is never article text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "menu",
    "button", "select", "textarea", "svg", "math", "iframe", "object", "dialog", "head",
];

/// Class or id words of page furniture (`cookie-banner`, `related-articles`,
/// `comments`), matched whole between `-`, `_` and spaces.
const FURNITURE: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "banner",
    "newsletter",
    "subscribe",
    "related",
    "comment",
    "comments",
    "share",
    "sharing",
    "social",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sidebar",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "nav",
    "navbar",
    "navigation",
    "footer",
    "masthead",
    "paywall",
    "popup",
    "modal",
    "recommended",
    "trending",
];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "search",
];

/// Elements after whose start or end text is a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "body",
];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

/// Opening any of these closes an open `<p>` (HTML's implied end tags).
const CLOSES_P: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "table",
    "figure",
    "hr",
    "address",
    "header",
    "footer",
    "nav",
    "aside",
    "form",
    "details",
    "menu",
];

/// One open element and what its content inherits.
#[derive(Debug, Clone)]
struct Open {
    name: String,
    dropped: bool,
    /// Innermost ancestors of interest, as indices of elements opened.
    article: Option<usize>,
    main: Option<usize>,
    body: Option<usize>,
    /// The element itself, where a `<p>` is its child (for density).
    index: usize,
    in_h1: bool,
    quoted: bool,
}

/// One thing in the page, in order.
#[derive(Debug)]
enum Node {
    Text {
        /// The decoded text.
        text: String,
        /// Its source bytes.
        span: Range<usize>,
        /// Candidate containers it is in.
        article: Option<usize>,
        main: Option<usize>,
        body: Option<usize>,
        /// The element whose child `<p>` holds it, if any.
        paragraph_parent: Option<usize>,
        quoted: bool,
    },
    /// A block starts or ends.
    Break,
    /// A `<br>`.
    LineBreak,
    /// A suppression comment.
    Comment(String),
}

#[derive(Default)]
struct Page {
    nodes: Vec<Node>,
    stack: Vec<Open>,
    /// Open elements by name, so an end tag with no open element is
    /// ignored in constant time (the pops stay linear in the page).
    open_count: HashMap<String, usize>,
    elements: usize,
    /// The element that holds `itemprop="articleBody"`, first seen.
    article_body: Option<usize>,
    /// `<p>` ancestors: `(element index, parent index)`, innermost last.
    paragraph_parents: Vec<(usize, usize)>,
    /// Where each element's nodes start and end in `nodes`, by index.
    extents: HashMap<usize, (usize, usize)>,
    og_title: Option<String>,
    title: String,
    in_title: bool,
    h1: Option<String>,
    h1_text: String,
    // The start tag being read.
    tag: String,
    attr: String,
    attrs: Vec<(String, String)>,
    is_end: bool,
}

impl Page {
    fn top(&self) -> Option<&Open> {
        self.stack.last()
    }

    fn pop_to(&mut self, name: &str) {
        if self.open_count.get(name).copied().unwrap_or(0) == 0 {
            return;
        }
        while let Some(open) = self.stack.pop() {
            self.closed(&open);
            if open.name == name {
                break;
            }
        }
    }

    fn closed(&mut self, open: &Open) {
        if let Some(extent) = self.extents.get_mut(&open.index) {
            extent.1 = self.nodes.len();
        }
        if let Some(n) = self.open_count.get_mut(&open.name) {
            *n = n.saturating_sub(1);
        }
        if open.name == "p" {
            self.paragraph_parents.pop();
        }
        if open.name == "h1" && self.h1.is_none() {
            let h1 = collapse(&self.h1_text);
            if !h1.is_empty() {
                self.h1 = Some(h1);
            }
        }
        if BLOCKS.contains(&open.name.as_str()) && !open.dropped {
            self.nodes.push(Node::Break);
        }
    }

    fn start_tag(&mut self) {
        let name = std::mem::take(&mut self.tag);
        let attrs = std::mem::take(&mut self.attrs);
        let attr = |key: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        if name == "meta"
            && self.og_title.is_none()
            && matches!(attr("property").or(attr("name")), Some("og:title"))
        {
            self.og_title = attr("content").map(collapse).filter(|t| !t.is_empty());
        }
        if name == "br" {
            self.nodes.push(Node::LineBreak);
        }
        if CLOSES_P.contains(&name.as_str()) {
            self.pop_to("p");
        }
        if name == "li" {
            // An open item closes when the next one starts in the same list.
            let open_item = self
                .stack
                .iter()
                .rev()
                .take(32)
                .find(|o| matches!(o.name.as_str(), "li" | "ul" | "ol"))
                .is_some_and(|o| o.name == "li");
            if open_item {
                self.pop_to("li");
            }
        }
        if name == "title" {
            self.in_title = true;
        }
        if VOID.contains(&name.as_str()) {
            return;
        }
        let index = self.elements;
        self.elements += 1;
        let parent = self.top().cloned();
        let furniture = DROPPED.contains(&name.as_str())
            || attr("role").is_some_and(|r| FURNITURE_ROLES.contains(&r.trim()))
            || attr("hidden").is_some()
            || attr("aria-hidden") == Some("true")
            || ["class", "id"]
                .iter()
                .filter_map(|k| attr(k))
                .any(is_furniture);
        // A header inside an article holds its headline, not the page's.
        let in_article = parent.as_ref().is_some_and(|p| p.article.is_some());
        let furniture = furniture && !(name == "header" && in_article);
        if attr("itemprop").is_some_and(|v| v.split_whitespace().any(|w| w == "articleBody"))
            && self.article_body.is_none()
        {
            self.article_body = Some(index);
        }
        let open = Open {
            dropped: furniture || parent.as_ref().is_some_and(|p| p.dropped),
            article: match name.as_str() {
                "article" => parent.as_ref().and_then(|p| p.article).or(Some(index)),
                _ => parent.as_ref().and_then(|p| p.article),
            },
            main: match name.as_str() {
                "main" => Some(index),
                _ => parent.as_ref().and_then(|p| p.main),
            },
            body: if self.article_body == Some(index) {
                Some(index)
            } else {
                parent.as_ref().and_then(|p| p.body)
            },
            index,
            in_h1: name == "h1" || parent.as_ref().is_some_and(|p| p.in_h1),
            quoted: matches!(name.as_str(), "blockquote" | "q")
                || parent.as_ref().is_some_and(|p| p.quoted),
            name,
        };
        if open.name == "p" {
            let parent_index = parent.as_ref().map_or(usize::MAX, |p| p.index);
            self.paragraph_parents.push((index, parent_index));
        }
        if BLOCKS.contains(&open.name.as_str()) && !open.dropped {
            self.nodes.push(Node::Break);
        }
        *self.open_count.entry(open.name.clone()).or_default() += 1;
        // Unclosed elements end with the page.
        self.extents.insert(index, (self.nodes.len(), usize::MAX));
        self.stack.push(open);
    }

    fn end_tag(&mut self, name: &str) {
        if name == "title" {
            self.in_title = false;
        }
        if name == "br" {
            self.nodes.push(Node::LineBreak);
            return;
        }
        self.pop_to(name);
    }

    fn text(&mut self, value: &[u8], span: Span<usize>) {
        let text = String::from_utf8_lossy(value).into_owned();
        if self.in_title {
            self.title.push_str(&text);
            return;
        }
        // Text outside any element (a page of bare text, or text after
        // the last closing tag) is the body's, as a browser shows it.
        let top = self.top().cloned().unwrap_or(Open {
            name: String::new(),
            dropped: false,
            article: None,
            main: None,
            body: None,
            index: usize::MAX,
            in_h1: false,
            quoted: false,
        });
        if top.in_h1 && self.h1.is_none() {
            self.h1_text.push_str(&text);
        }
        if top.dropped {
            return;
        }
        let node = Node::Text {
            article: top.article,
            main: top.main,
            body: top.body,
            paragraph_parent: self.paragraph_parents.last().map(|p| p.1),
            quoted: top.quoted,
            text,
            span: span.start..span.end,
        };
        self.nodes.push(node);
    }
}

/// Whether a class or id value names page furniture.
fn is_furniture(value: &str) -> bool {
    value
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|w| FURNITURE.iter().any(|f| f.eq_ignore_ascii_case(w)))
}

/// Whitespace runs as one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tokenize(input: &str) -> Page {
    let mut page = Page::default();
    let emitter = CallbackEmitter::new(
        |event: CallbackEvent<'_>, span: Span<usize>| -> Option<()> {
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    page.tag = String::from_utf8_lossy(name).to_ascii_lowercase();
                    page.attrs.clear();
                    page.is_end = false;
                }
                CallbackEvent::AttributeName { name } => {
                    page.attr = String::from_utf8_lossy(name).to_ascii_lowercase();
                    page.attrs.push((page.attr.clone(), String::new()));
                }
                CallbackEvent::AttributeValue { value } => {
                    if let Some(last) = page.attrs.last_mut() {
                        last.1 = String::from_utf8_lossy(value).into_owned();
                    }
                }
                CallbackEvent::CloseStartTag { .. } => {
                    if !page.is_end {
                        page.start_tag();
                    }
                }
                CallbackEvent::EndTag { name } => {
                    page.is_end = true;
                    let name = String::from_utf8_lossy(name).to_ascii_lowercase();
                    page.end_tag(&name);
                }
                CallbackEvent::String { value } => page.text(value, span),
                CallbackEvent::Comment { value } => {
                    let body = String::from_utf8_lossy(value);
                    if body.trim_start().starts_with("slant-") {
                        page.nodes.push(Node::Comment(body.into_owned()));
                    }
                }
                CallbackEvent::Doctype { .. } | CallbackEvent::Error(_) => {}
            }
            None
        },
    );
    let mut emitter = emitter;
    // Script, style and title content is raw text, as a browser reads it.
    emitter.naively_switch_states(true);
    for _ in Tokenizer::new_with_emitter(input, emitter) {}
    page
}

/// Which text of the page is the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    Itemprop(usize),
    Article(usize),
    Main(usize),
    Dense(usize),
    All,
}

fn choose(nodes: &[Node]) -> Body {
    let mut article_len: HashMap<usize, usize> = HashMap::new();
    let mut dense: HashMap<usize, usize> = HashMap::new();
    let mut main = None;
    let mut body = None;
    for node in nodes {
        if let Node::Text {
            text,
            article,
            main: m,
            body: b,
            paragraph_parent,
            ..
        } = node
        {
            let len = text.trim().len();
            if let Some(a) = article {
                *article_len.entry(*a).or_default() += len;
            }
            if let Some(p) = paragraph_parent {
                *dense.entry(*p).or_default() += len;
            }
            main = main.or(*m);
            body = body.or(*b);
        }
    }
    let best = |m: &HashMap<usize, usize>| {
        m.iter()
            .filter(|(_, len)| **len > 0)
            .max_by_key(|(i, len)| (**len, std::cmp::Reverse(**i)))
            .map(|(i, _)| *i)
    };
    if let Some(b) = body {
        Body::Itemprop(b)
    } else if let Some(a) = best(&article_len) {
        Body::Article(a)
    } else if let Some(m) = main {
        Body::Main(m)
    } else if let Some(d) = best(&dense) {
        Body::Dense(d)
    } else {
        Body::All
    }
}

/// Extracts the article of an HTML page (`shift`: input bytes before
/// `input`, a byte-order mark).
pub fn extract(input: &str, shift: usize) -> Extracted<'static> {
    let page = tokenize(input);
    let chosen = choose(&page.nodes);
    let mut b = Builder::new(input, shift);
    let mut quote_start: Option<usize> = None;
    // The dense block's text is everything under the element whose `<p>`
    // children won.
    let (dense_from, dense_to) = match chosen {
        Body::Dense(d) => page.extents.get(&d).copied().unwrap_or((0, usize::MAX)),
        _ => (0, usize::MAX),
    };
    for (i, node) in page.nodes.iter().enumerate() {
        match node {
            Node::Break => b.block_break(),
            Node::LineBreak => b.line_break(),
            Node::Comment(body) => b.directives.extend(directive(body, b.text.len())),
            Node::Text {
                text,
                span,
                article,
                main,
                body,
                quoted,
                ..
            } => {
                let keep = match chosen {
                    Body::Itemprop(x) => *body == Some(x),
                    Body::Article(x) => *article == Some(x),
                    Body::Main(x) => *main == Some(x),
                    Body::Dense(_) => (dense_from..dense_to).contains(&i),
                    Body::All => true,
                };
                if !keep {
                    continue;
                }
                match (quoted, quote_start) {
                    (true, None) => quote_start = Some(b.text.len()),
                    (false, Some(start)) => {
                        close_quote(&mut b, start);
                        quote_start = None;
                    }
                    _ => {}
                }
                append(&mut b, input, text, span.clone());
            }
        }
    }
    if let Some(start) = quote_start {
        close_quote(&mut b, start);
    }
    b.title = page
        .og_title
        .or(page.h1)
        .or_else(|| Some(collapse(&page.title)).filter(|t| !t.is_empty()));
    b.finish()
}

fn close_quote(b: &mut Builder<'_>, start: usize) {
    let end = b.text.trim_end().len();
    // Leading breaks of the quote are not part of it.
    let start =
        start + b.text[start.min(end)..end].len() - b.text[start.min(end)..end].trim_start().len();
    if start < end {
        b.quoted.push(start..end);
    }
}

/// Appends one text node: runs of verbatim source copied, character
/// references mapped to their start, whitespace runs collapsed to a space
/// (none at a paragraph's start).
fn append(b: &mut Builder<'_>, input: &str, text: &str, span: Range<usize>) {
    let raw = input.get(span.clone()).unwrap_or("");
    let (rb, tb) = (raw.as_bytes(), text.as_bytes());
    let (mut i, mut j) = (0, 0);
    // The tokenizer's span of a text token can begin at the tag before it
    // (`<b>obviously`): skip whole tags the decoded text does not start
    // with, so the words map to their own bytes, not to the tag's.
    while rb.get(i) == Some(&b'<') && tb.first() != Some(&b'<') {
        match rb[i..].iter().position(|&c| c == b'>') {
            Some(close) => i += close + 1,
            None => break,
        }
    }
    // Start of the verbatim run being copied (raw offset).
    let mut run: Option<usize> = None;
    let flush = |b: &mut Builder<'_>, run: &mut Option<usize>, to: usize| {
        if let Some(from) = run.take() {
            b.copy(span.start + from..span.start + to);
        }
    };
    while j < tb.len() {
        let c = tb[j];
        if c.is_ascii_whitespace() {
            // A whitespace run in the decoded text; its source is a run of
            // whitespace too (references to spaces are rare enough to map
            // to the run's start).
            flush(b, &mut run, i);
            let j_end = j + tb[j..]
                .iter()
                .take_while(|c| c.is_ascii_whitespace())
                .count();
            let i_end = i + rb[i.min(rb.len())..]
                .iter()
                .take_while(|c| c.is_ascii_whitespace())
                .count();
            let at_start = b.text.is_empty() || b.text.ends_with(['\n', ' ']);
            if !at_start {
                if rb.get(i..i_end) == Some(b" ") {
                    b.copy(span.start + i..span.start + i_end);
                } else {
                    b.decoded(" ", span.start + i);
                }
            }
            i = i_end.max(i);
            j = j_end;
            continue;
        }
        let len = utf8_len(c);
        if i < rb.len() && rb[i] != b'&' && rb.get(i..i + len) == tb.get(j..j + len) {
            run.get_or_insert(i);
            i += len;
            j += len;
            continue;
        }
        flush(b, &mut run, i);
        // A character reference: find where it ends in the source and how
        // many decoded chars it gave, by where the two sides agree again.
        match resync(rb, i, tb, j) {
            Some((i_end, j_end)) => {
                if let Some(s) = text.get(j..j_end) {
                    b.decoded(s, span.start + i);
                }
                i = i_end;
                j = j_end;
            }
            None => {
                // The two sides no longer agree: the rest maps to here.
                if let Some(s) = text.get(j..) {
                    b.decoded(s, span.start + i.min(rb.len()));
                }
                return;
            }
        }
    }
    flush(b, &mut run, i.min(rb.len()));
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// At a character reference (`raw[i] == b'&'`, or a CR before LF): where
/// it ends in `raw` and where its decoded chars end in `text`. The end is
/// the `;` of `&name;`/`&#…;`, or for a reference without one (`&amp c`),
/// the end of its name; the decoded side is one or two chars (a few named
/// references give two). Both ends must be followed by the same bytes.
fn resync(raw: &[u8], i: usize, text: &[u8], j: usize) -> Option<(usize, usize)> {
    // The sides agree from `ri`/`tj` when the raw bytes up to the next
    // reference or space (at most 8) stand the same in the text.
    let agree = |ri: usize, tj: usize| {
        if ri >= raw.len() {
            return tj >= text.len();
        }
        let mut k = 0;
        while k < 8
            && ri + k < raw.len()
            && raw[ri + k] != b'&'
            && !raw[ri + k].is_ascii_whitespace()
        {
            if text.get(tj + k) != Some(&raw[ri + k]) {
                return false;
            }
            k += 1;
        }
        k > 0 || raw[ri] == b'&' || text.get(tj).is_some_and(u8::is_ascii_whitespace)
    };
    // CRLF is read as LF.
    if raw.get(i..i + 2) == Some(b"\r\n") && text.get(j) == Some(&b'\n') {
        return Some((i + 2, j + 1));
    }
    if raw.get(i) != Some(&b'&') {
        return None;
    }
    // A bare `&` (AT&T) stands as it is.
    if text.get(j) == Some(&b'&') && agree(i + 1, j + 1) {
        return Some((i + 1, j + 1));
    }
    let name_end = i
        + 1
        + raw[i + 1..]
            .iter()
            .take(40)
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
            .count();
    let mut ends = vec![name_end];
    if raw.get(name_end) == Some(&b';') {
        ends.insert(0, name_end + 1);
    }
    // A legacy reference may be a prefix of the name (`&notit;` is `¬it;`).
    ends.extend((i + 2..name_end).rev());
    for &end in &ends {
        let mut tj = j;
        for _ in 0..2 {
            let Some(&first) = text.get(tj) else { break };
            tj += utf8_len(first);
            if agree(end, tj) {
                return Some((end, tj));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_outside_any_element_is_kept() {
        assert_eq!(text_of("obviously reckless"), "obviously reckless");
        assert!(text_of("<b>o</b><b>o</b> obviously").contains("obviously"));
    }

    #[test]
    fn words_right_after_a_tag_map_to_their_own_bytes() {
        let html = "<article><p>The council <b>obviously</b> rushed <i>it</i>.</p></article>";
        let e = extract(html, 0);
        let at = e.text.find("obviously").expect("extracted");
        assert_eq!(e.map.to_input(at), html.find("obviously").unwrap());
        let it = e.text.find("it.").expect("extracted");
        assert_eq!(e.map.to_input(it), html.find("it</i>").unwrap());
        // A range's end is after its own bytes, not after the closing tag.
        let end = at + "obviously".len();
        assert_eq!(e.map.to_input_end(end), html.find("</b>").unwrap());
    }

    fn text_of(html: &str) -> String {
        extract(html, 0).text.into_owned()
    }

    #[test]
    fn entities_decode_and_map_to_their_start() {
        let html =
            "<article><p>The so&#8209;called plan &amp c&eacute;t&eacute; &notit; x</p></article>";
        let e = extract(html, 0);
        assert_eq!(e.text, "The so\u{2011}called plan & cété ¬it; x");
        let so = e.text.find("so").unwrap();
        assert_eq!(e.map.to_input(so), html.find("so&").unwrap());
        let hyphen = e.text.find('\u{2011}').unwrap();
        assert_eq!(e.map.to_input(hyphen), html.find("&#8209;").unwrap());
        let called = e.text.find("called").unwrap();
        assert_eq!(e.map.to_input(called), html.find("called").unwrap());
        let x = e.text.rfind('x').unwrap();
        assert_eq!(e.map.to_input(x), html.rfind('x').unwrap());
    }

    #[test]
    fn whitespace_collapses_and_blocks_break() {
        assert_eq!(
            text_of("<main><h2>Head</h2>\n  <p>One\n   two</p><p>Three<br>four</p></main>"),
            "Head\n\nOne two\n\nThree\nfour"
        );
    }

    #[test]
    fn furniture_is_dropped_and_the_largest_article_wins() {
        let html = r#"<body><nav>Home</nav><div class="cookie-banner">We obviously use cookies</div>
<article class="teaser"><p>Short.</p></article>
<article><p>The long article body is here.</p><div id="comments"><p>A reader's comment.</p></div></article>
<script type="application/ld+json">{"headline":"so-called"}</script></body>"#;
        assert_eq!(text_of(html), "The long article body is here.");
    }

    #[test]
    fn densest_paragraph_block_without_article_markup() {
        let html = "<div><div class=x><p>Menu item</p></div><div class=y><p>First para.</p><p>Second para.</p></div></div>";
        assert_eq!(text_of(html), "First para.\n\nSecond para.");
        let headed = "<div><p>Menu</p></div><div><h2>Head</h2><p>First.</p><p>Second.</p></div>";
        assert_eq!(text_of(headed), "Head\n\nFirst.\n\nSecond.");
    }

    #[test]
    fn title_prefers_og_title_then_h1_then_title() {
        let og = r#"<head><title>T</title><meta property="og:title" content="OG &amp; co"></head><h1>H</h1>"#;
        assert_eq!(extract(og, 0).title.as_deref(), Some("OG & co"));
        assert_eq!(
            extract("<title>T</title><h1> The <em>H</em> </h1>", 0)
                .title
                .as_deref(),
            Some("The H")
        );
        assert_eq!(
            extract("<title> T </title><p>x</p>", 0).title.as_deref(),
            Some("T")
        );
    }

    #[test]
    fn blockquote_and_q_are_quoted() {
        let e = extract(
            "<article><p>He said <q>it is a disaster</q> today.</p><blockquote><p>A farce.</p></blockquote></article>",
            0,
        );
        let quoted: Vec<&str> = e.quoted.iter().map(|r| &e.text[r.clone()]).collect();
        assert_eq!(quoted, ["it is a disaster", "A farce."]);
    }

    #[test]
    fn unmatched_end_tags_and_deep_nesting_stay_linear() {
        let html = format!(
            "{}<p>x</p>{}",
            "<div>".repeat(20_000),
            "</span>".repeat(20_000)
        );
        assert_eq!(text_of(&html), "x");
    }
}
