//! Plain text laid out for a page: words wrapped to a width without splitting a state's
//! display name, indented paragraphs, headings, and aligned tables. Text from the script is
//! escaped (`escape::inline`) before it is measured, so widths are those of the text printed.

use crate::escape;

/// The width text is wrapped to.
pub(super) const WIDTH: usize = 100;

/// Words wrapped greedily to a width (a word longer than the width gets a line of its own);
/// the names in `keep` ("United States") are never split across lines.
pub(super) fn wrap(text: &str, width: usize, keep: &[String]) -> Vec<String> {
    const GLUE: char = '\u{a0}';
    let mut glued = escape::inline(text).into_owned();
    // Most sentences fit on one line as they are: then there is nothing to glue or split.
    let tidy = !glued.starts_with(' ') && !glued.ends_with(' ') && !glued.contains("  ");
    if tidy && !glued.contains(GLUE) && glued.chars().count() <= width {
        return vec![glued];
    }
    for name in keep {
        let name = escape::inline(name);
        if glued.contains(&*name) {
            glued = glued.replace(&*name, &name.replace(' ', &GLUE.to_string()));
        }
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in glued.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| l.replace(GLUE, " ")).collect()
}

/// A paragraph wrapped to the page, every line indented; `first` starts the first line.
pub(super) fn paragraph(out: &mut String, indent: usize, first: &str, text: &str, keep: &[String]) {
    let lead = format!("{}{first}", " ".repeat(indent));
    let hang = " ".repeat(lead.chars().count());
    let width = WIDTH.saturating_sub(hang.len()).max(30);
    for (i, line) in wrap(text, width, keep).iter().enumerate() {
        let start = if i == 0 { &lead } else { &hang };
        out.push_str(format!("{start}{line}").trim_end());
        out.push('\n');
    }
}

pub(super) fn heading(out: &mut String, title: &str, rule: char) {
    if !out.is_empty() {
        out.push('\n');
    }
    let title = escape::inline(title);
    out.push_str(&title);
    out.push('\n');
    out.push_str(&rule.to_string().repeat(title.chars().count()));
    out.push('\n');
}

/// Text indented by `indent` spaces, line by line (blank lines stay blank); a line too long for
/// the page goes on under itself, four spaces further in.
pub(super) fn indented(out: &mut String, indent: usize, text: &str) {
    for line in text.lines() {
        let body = line.trim_start();
        if body.is_empty() {
            out.push('\n');
            continue;
        }
        let own = indent + line.len() - body.len();
        let width = WIDTH.saturating_sub(own + 4).max(40);
        for (i, part) in wrap(body, width, &[]).iter().enumerate() {
            let pad = if i == 0 { own } else { own + 4 };
            out.push_str(&format!("{}{part}\n", " ".repeat(pad)));
        }
    }
}

/// A plain-text table: each column as wide as its widest cell, numbers right-aligned, a line of
/// dashes under the heads, and the last column wrapped to the page width.
pub(super) struct Table {
    head: Vec<&'static str>,
    right: Vec<bool>,
    rows: Vec<Vec<String>>,
    keep: Vec<String>,
}

impl Table {
    pub(super) fn new(head: &[&'static str]) -> Table {
        Table {
            head: head.to_vec(),
            right: vec![false; head.len()],
            rows: Vec::new(),
            keep: Vec::new(),
        }
    }

    /// Names the last column never splits when it wraps.
    pub(super) fn keeping(mut self, names: &[String]) -> Table {
        self.keep = names.to_vec();
        self
    }

    /// Right-aligns the given columns.
    pub(super) fn right(mut self, columns: &[usize]) -> Table {
        for c in columns {
            if let Some(r) = self.right.get_mut(*c) {
                *r = true;
            }
        }
        self
    }

    /// Adds a row; cells beyond the table's columns are dropped, missing ones left empty.
    pub(super) fn row(&mut self, cells: Vec<String>) {
        let mut cells: Vec<String> = cells.into_iter().map(escape::inline_owned).collect();
        cells.resize(self.head.len(), String::new());
        self.rows.push(cells);
    }

    pub(super) fn render(&self, indent: usize, out: &mut String) {
        let mut widths: Vec<usize> = self.head.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let before: usize = indent + widths.iter().rev().skip(1).map(|w| w + 2).sum::<usize>();
        if let Some(last) = widths.last_mut() {
            *last = (*last).min(WIDTH.saturating_sub(before).max(40));
        }
        let head: Vec<String> = self.head.iter().map(|h| h.to_string()).collect();
        let dashes: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        self.line(&head, &widths, indent, before, out);
        self.line(&dashes, &widths, indent, before, out);
        for row in &self.rows {
            self.line(row, &widths, indent, before, out);
        }
    }

    fn line(
        &self,
        cells: &[String],
        widths: &[usize],
        indent: usize,
        before: usize,
        out: &mut String,
    ) {
        let mut text = " ".repeat(indent);
        let last = cells.len().saturating_sub(1);
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate().take(last) {
            let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
            if self.right.get(i).copied().unwrap_or(false) {
                text.push_str(&format!("{pad}{cell}  "));
            } else {
                text.push_str(&format!("{cell}{pad}  "));
            }
        }
        let tail = cells.get(last).map_or("", |s| s.as_str());
        let width = widths.get(last).copied().unwrap_or(0);
        let wrapped = if self.right.get(last).copied().unwrap_or(false) {
            vec![format!(
                "{}{tail}",
                " ".repeat(width.saturating_sub(tail.chars().count()))
            )]
        } else {
            wrap(tail, width.max(1), &self.keep)
        };
        for (i, part) in wrapped.iter().enumerate() {
            let lead = if i == 0 {
                text.clone()
            } else {
                " ".repeat(before)
            };
            out.push_str(format!("{lead}{part}").trim_end());
            out.push('\n');
        }
    }
}
