//! Text cut by code points, never inside one: the one helper every message and every quoted
//! value goes through (the twin of `src/canonical/cut-text.ts`).

use crate::generated::protocol_edge::TRUNCATION_MARK;

/// `text` cut to at most `max` code points: a longer text keeps its first
/// `max - TRUNCATION_MARK.len()` code points and ends with the mark. (A Rust `str` holds no
/// lone surrogate, so nothing needs mending as on the TypeScript side.)
pub fn cut_text(text: &str, max: usize) -> String {
    // Fast path: no text of at most `max` bytes has more than `max` code points.
    if text.len() <= max || text.chars().count() <= max {
        return text.to_owned();
    }
    let keep = max.saturating_sub(TRUNCATION_MARK.len());
    let end = text.char_indices().nth(keep).map_or(text.len(), |(at, _)| at);
    format!("{}{TRUNCATION_MARK}", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::cut_text;

    #[test]
    fn cuts_by_code_points() {
        assert_eq!(cut_text("abc", 3), "abc");
        assert_eq!(cut_text("abcdef", 5), "ab...");
        let astral = format!("a{}", "\u{1F600}".repeat(30));
        let cut = cut_text(&astral, 10);
        assert_eq!(cut.chars().count(), 10);
        assert_eq!(cut, format!("a{}...", "\u{1F600}".repeat(6)));
    }
}
