//! Byte offset <-> (line, column) conversion.

use tree_sitter::Point;

/// Start offsets of every line, so positions can be computed without
/// re-scanning the text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex { line_starts }
    }

    /// Zero-based row and byte column of `offset`.
    pub fn point(&self, offset: usize) -> Point {
        let row = self.line_starts.partition_point(|&start| start <= offset) - 1;
        Point {
            row,
            column: offset - self.line_starts[row],
        }
    }

    /// Byte offset of the start of zero-based `row`, if the text has it.
    pub fn line_start(&self, row: usize) -> Option<usize> {
        self.line_starts.get(row).copied()
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// The point reached after writing `text` starting at `start`.
pub fn point_after(start: Point, text: &str) -> Point {
    match text.rfind('\n') {
        Some(last) => Point {
            row: start.row + text.bytes().filter(|&b| b == b'\n').count(),
            column: text.len() - last - 1,
        },
        None => Point {
            row: start.row,
            column: start.column + text.len(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_zero_based_byte_columns() {
        let index = LineIndex::new("ab\ncd\r\nef");
        assert_eq!(index.point(0), Point { row: 0, column: 0 });
        assert_eq!(index.point(4), Point { row: 1, column: 1 });
        assert_eq!(index.point(7), Point { row: 2, column: 0 });
    }

    #[test]
    fn point_after_multiline_text() {
        let p = point_after(Point { row: 3, column: 4 }, "x\nyz");
        assert_eq!(p, Point { row: 4, column: 2 });
    }
}
