//! One article, analysed: everything the engine computed, kept together.
//!
//! [`Engine::analyze`](crate::Engine::analyze) decodes an input once and
//! keeps the text, the segments (quotes, sentences, words) and the
//! matches. (The text is not kept folded: the matcher folds as it reads.) The report is built from it,
//! and whatever needs the text afterwards (context lines, HTML, alignment
//! of two sources) reads it here instead of decoding again.

use crate::actors::Mention;
use crate::input::SourceMap;
use crate::matcher::Match;
use crate::segment::Segments;
use crate::voice::Voices;

/// One analysed article. Offsets in `matches`, `mentions` and `segments`
/// are byte offsets into `text`; [`Analysis::to_input`] maps them to the
/// input's bytes, where reports give them.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// A path, `-` for standard input, or a name.
    pub source: String,
    /// The record's id, for JSON Lines input.
    pub id: Option<String>,
    /// The article text, as extracted from the input.
    pub text: String,
    /// Where the text's first non-empty line (the headline) ends.
    pub headline_end: usize,
    /// Text offsets to input offsets.
    pub map: SourceMap,
    /// Quotes, sentences and words of `text`.
    pub segments: Segments,
    /// Reported speech of `text`; with `segments`, the voice of any offset.
    pub voices: Voices,
    /// Rule matches, in order, without overlaps.
    pub matches: Vec<Match>,
    /// Matches silenced by `slant-disable` comments, in order: reported
    /// apart, never scored.
    pub suppressed: Vec<Match>,
    /// The title the input names apart from its text (front matter,
    /// `og:title`), if any.
    pub title: Option<String>,
    /// Actor mentions and speech verbs, in order (empty without actors).
    pub mentions: Vec<Match<Mention>>,
    /// Problems with the input that did not stop the analysis.
    pub warnings: Vec<String>,
}

impl Analysis {
    /// The input offset of text offset `at`.
    pub fn to_input(&self, at: usize) -> usize {
        self.map.to_input(at)
    }

    /// The input offset of the end of a text range ending at `at` (see
    /// [`SourceMap::to_input_end`](crate::input::SourceMap::to_input_end)).
    pub fn to_input_end(&self, at: usize) -> usize {
        self.map.to_input_end(at)
    }

    /// The text offset that maps to input offset `at` (reports give input
    /// offsets), if one does: a binary search, as extractors' maps are
    /// monotone.
    pub fn to_text(&self, at: usize) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.text.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.to_input(mid) < at {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (self.to_input(lo) == at).then_some(lo)
    }
}
