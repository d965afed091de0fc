fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut sources = alliance::source::Sources::default();
    let id = sources.add(path, text.as_str());
    let (file, diags) = alliance::syntax::parse_file(&text, id);
    println!("{} statements", file.stmts.len());
    print!("{}", alliance::diag::render_all(&diags, &sources, false));
}
