//! Pictures as a handout or a slide wants them: the SVG that [`crate::graph`] draws, rendered
//! to PNG pixels (resvg) or to a PDF page (svg2pdf). It lives here, not in the core, because
//! the core builds for the browser without these crates.
//!
//! The same script gives the same bytes on every machine: the picture's font, DejaVu Sans (its
//! licence is `fonts/LICENSE`), is built in and found before any font of the system, which is
//! only asked for letters DejaVu lacks.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

/// The SVG's first font, regular and bold (titles and the names of hubs are bold).
const SANS: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
const SANS_BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// Pixels per SVG unit: twice the drawn size, sharp when printed on a page.
pub const PNG_SCALE: f32 = 2.0;
/// The longest side of a PNG, in pixels: a world too large for it is refused, not drawn into
/// gigabytes of memory.
const MAX_SIDE: f32 = 16_384.0;

/// The picture as PNG bytes, [`PNG_SCALE`] times the SVG's size.
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    let tree = tree(svg)?;
    let size = tree.size();
    let (w, h) = (size.width() * PNG_SCALE, size.height() * PNG_SCALE);
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(format!(
            "the picture is too large for a PNG ({w:.0} by {h:.0} pixels, at most {MAX_SIDE:.0}): write SVG or PDF instead"
        ));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w.ceil() as u32, h.ceil() as u32)
        .ok_or_else(|| "the picture has no size to draw".to_string())?;
    // A white page, as the SVG shows in a browser: PNG viewers draw transparency as black or
    // a chequerboard.
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(PNG_SCALE, PNG_SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("the PNG could not be encoded: {e}"))
}

/// The picture as a one-page PDF, sharp at any size. Its letters are drawn as outlines, not
/// embedded as a font: svg2pdf numbers the objects of embedded fonts in hash-map order, which
/// would give different bytes on every run.
pub fn pdf(svg: &str) -> Result<Vec<u8>, String> {
    let tree = tree(svg)?;
    let options = svg2pdf::ConversionOptions {
        embed_text: false,
        ..svg2pdf::ConversionOptions::default()
    };
    svg2pdf::to_pdf(&tree, options, svg2pdf::PageOptions::default())
        .map(sorted_resources)
        .map_err(|e| format!("the PDF could not be made: {e}"))
}

/// svg2pdf lists a page's resources (`/gs1 9 0 R`, ...) from a hash map, in an order that
/// changes from run to run. Sorting each run of such lines gives one order; the lines only
/// trade places, so every object keeps its offset and the cross-reference table stays true.
/// Streams (the compressed drawing) are copied as they are.
fn sorted_resources(pdf: Vec<u8>) -> Vec<u8> {
    const OPEN: &[u8] = b">>\nstream\n";
    const CLOSE: &[u8] = b"\nendstream";
    let mut out = Vec::with_capacity(pdf.len());
    let mut at = 0;
    while at < pdf.len() {
        let text_end = find(&pdf, OPEN, at).map_or(pdf.len(), |i| i + OPEN.len());
        out.extend(sorted_lines(&pdf[at..text_end]));
        let stream_end = find(&pdf, CLOSE, text_end).unwrap_or(pdf.len());
        out.extend_from_slice(&pdf[text_end..stream_end]);
        at = stream_end;
    }
    out
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The text with each run of reference lines (`  /Name 12 0 R`, one indent) sorted.
fn sorted_lines(text: &[u8]) -> Vec<u8> {
    let reference = |line: &[u8]| {
        let body = line.trim_ascii();
        body.starts_with(b"/") && body.ends_with(b" 0 R")
    };
    let indent = |line: &[u8]| line.iter().take_while(|b| **b == b' ').count();
    let lines: Vec<&[u8]> = text.split_inclusive(|b| *b == b'\n').collect();
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        let mut j = i + 1;
        if reference(lines[i]) && lines[i].ends_with(b"\n") {
            while j < lines.len()
                && reference(lines[j])
                && lines[j].ends_with(b"\n")
                && indent(lines[j]) == indent(lines[i])
            {
                j += 1;
            }
        }
        let mut run = lines[i..j].to_vec();
        run.sort();
        run.iter().for_each(|l| out.extend_from_slice(l));
        i = j;
    }
    out
}

/// The SVG read with the built-in font first.
fn tree(svg: &str) -> Result<usvg::Tree, String> {
    let mut options = usvg::Options {
        font_family: "DejaVu Sans".to_string(),
        ..usvg::Options::default()
    };
    let fonts = options.fontdb_mut();
    fonts.load_font_source(usvg::fontdb::Source::Binary(Arc::new(SANS)));
    fonts.load_font_source(usvg::fontdb::Source::Binary(Arc::new(SANS_BOLD)));
    fonts.set_sans_serif_family("DejaVu Sans");
    fonts.load_system_fonts();
    // The SVG is our own drawing, so an error here is ours, not the user's: say so plainly.
    usvg::Tree::from_str(svg, &options).map_err(|e| format!("the drawing could not be read: {e}"))
}
