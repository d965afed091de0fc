//! Token soup: bytes to text made of the language's own tokens. Used by the `tokens` fuzz
//! target; `assemble` is total and deterministic, so a crash reproduces from its bytes (and
//! `cargo fuzz fmt tokens ARTIFACT` is not needed: the text is printed on failure).

/// Statement starters and keywords, each followed by a space.
#[rustfmt::skip]
const KEYWORDS: &[&str] = &[
    "state", "treaty", "pact", "group", "bloc", "partner", "threat", "against", "troops", "in",
    "fact", "import", "rule", "if", "and", "not", "then", "scenario", "remove", "removed",
    "leaves", "joins", "cancelled", "add", "set", "expect", "why", "hub", "no prelude", "prelude",
    "sum", "count", "min", "max", "yes", "no", "true", "false", "mutual", "one_way", "defence",
    "consultation", "neutrality", "nonaggression", "?", "? why", "expect not", "hub removed",
];

/// Names (constants): a small pool, so that declarations and uses meet.
#[rustfmt::skip]
const NAMES: &[&str] = &["A", "B", "C", "D", "US", "Japan", "China", "NATO", "Asia", "X1"];

/// Variables and lower-case words (attribute keys, kinds).
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "x", "y", "z", "v", "g", "r", "_", "gdp", "nuclear", "spending", "spending_target", "region",
    "forces", "intelligence", "technology", "balance_threshold", "name", "signed",
];

/// Relations, with their `(` attached.
#[rustfmt::skip]
const RELATIONS: &[&str] = &[
    "state(", "treaty(", "pact(", "member(", "group(", "bloc(", "partner(", "threatens(",
    "troops(", "gdp(", "nuclear(", "spending(", "spending_target(", "region(", "defends(",
    "allied(", "supports(", "cooperates(", "umbrella(", "covered(", "coalition(", "power(",
    "balance(", "deterred(", "deters(", "obliged(", "covered_against(", "exposed(", "undetermined(", "unguaranteed(", "bloc_balance(",
    "tripwire(", "spending_gap(", "hub(", "spoke(", "balance_threshold(", "r(", "p(", "q(",
    "calm(",
];

/// Numbers, with and without units, and some extremes.
#[rustfmt::skip]
const NUMBERS: &[&str] = &[
    "0", "1", "2", "-1", "0.5", "3", "27.4T", "4.2T", "540B", "12M", "0B", "2.5%", "100%",
    "101%", "-3%", "28_500", "0.48", "1000000", "99999999999999999999999999999",
    "0.0000000000000000000000000001", "79228162514264337593543950335", "1T", "0T",
];

/// Punctuation and operators.
#[rustfmt::skip]
const PUNCT: &[&str] = &[
    "{", "}", "(", ")", ",", ":", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "?",
];

/// Strings and slips copied from articles.
#[rustfmt::skip]
const OTHER: &[&str] = &[
    "\"South Korea\"", "\"x\"", "\"\"", "\"a\\\"b\"", "\"fuzz.alliance\"", "\"missing.alliance\"",
    "28,500", "$4.2trn", "one-way", "\u{201c}Japan\u{201d}", "South Korea", "# comment\n",
    "\t", "\r\n", ";",
];

/// Builds the text: each byte picks a class (top bits) and a token in it (the next byte).
pub fn assemble(data: &[u8]) -> String {
    let mut out = String::new();
    let mut bytes = data.iter().copied();
    while let Some(b) = bytes.next() {
        let pick = usize::from(bytes.next().unwrap_or(0));
        let from = |list: &[&str]| -> String { list[pick % list.len()].to_string() };
        let token = match b % 16 {
            0..=2 => from(KEYWORDS) + " ",
            3..=5 => from(NAMES) + " ",
            6 => from(WORDS) + " ",
            7..=8 => from(RELATIONS),
            9 => from(NUMBERS) + " ",
            10..=12 => from(PUNCT) + " ",
            13 => from(OTHER) + " ",
            14 => "\n".to_string(),
            _ => {
                // A run of opening brackets: nesting depth.
                let n = 1 + pick % 300;
                "(".repeat(n)
            }
        };
        out.push_str(&token);
    }
    out
}
