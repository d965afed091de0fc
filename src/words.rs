//! Values and lists in words, for every layer a person reads (report, explanations, the REPL,
//! pictures): money in its largest unit, numbers with at most two decimals, lists joined with
//! "and". The engine computes with exact decimals and never formats them; this is the edge
//! where they become text.

use rust_decimal::Decimal;

use crate::program::Const;
use crate::syntax::ast::Unit;

/// Writes a constant for people: money in the largest fitting unit with at most two decimals,
/// plain numbers with at most two decimals unless whole.
pub fn show_const(c: Const) -> String {
    match c {
        Const::Sym(s) => s.to_string(),
        Const::Str(s) => format!("{:?}", s.as_str()),
        Const::Num(d, Unit::Percent) => format!("{}%", round2(d)),
        Const::Num(d, Unit::Plain) => round2(d),
        Const::Num(d, Unit::Money) => money(d),
    }
}

/// Writes a constant in a sentence: as [`show_const`], but whole plain numbers of five digits
/// or more have their thousands grouped (`28,500 troops`). Answers to queries keep the form of
/// the language, where `28,500` would be two numbers.
pub fn prose(c: Const) -> String {
    match c {
        Const::Num(d, Unit::Plain) if d.fract().is_zero() && d.abs() >= Decimal::from(10_000) => {
            let digits = d.abs().trunc().normalize().to_string();
            let mut out = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(ch);
            }
            if d.is_sign_negative() {
                out.insert(0, '-');
            }
            out
        }
        other => show_const(other),
    }
}

/// `8590000000000` is `8.59T`, `512000000000` is `512B`, `30700000000` is `30.7B`.
pub fn money(d: Decimal) -> String {
    let abs = d.abs();
    for (factor, suffix) in [
        (1_000_000_000_000i64, "T"),
        (1_000_000_000, "B"),
        (1_000_000, "M"),
    ] {
        let f = Decimal::from(factor);
        if abs >= f {
            return format!("{}{suffix}", round2(d / f));
        }
    }
    round2(d)
}

/// At most two decimals, trailing zeros dropped: `1.7746` is `1.77`, `2.50` is `2.5`.
pub fn round2(d: Decimal) -> String {
    let r = d
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if r.is_zero() {
        "0".to_string()
    } else {
        r.to_string()
    }
}

/// `A`, `A and B`, `A, B and C`; beyond `cap` names, `A, B, ... H and 12 more`.
pub fn and_list(names: &[String], cap: usize) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        _ if names.len() > cap => {
            format!("{} and {} more", names[..cap].join(", "), names.len() - cap)
        }
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The word that agrees with a count: `verb(1, "is", "are")` is "is".
pub fn verb<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A count with its noun: `plural(3, "state", "states")` is "3 states".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", verb(n, one, many))
}

/// `10000000` as `10,000,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn prose_groups_thousands_of_whole_plain_numbers_only() {
        let plain = |n: i64| Const::Num(Decimal::from(n), Unit::Plain);
        assert_eq!(prose(plain(28_500)), "28,500");
        assert_eq!(prose(plain(2_035_000)), "2,035,000");
        assert_eq!(prose(plain(-54_000)), "-54,000");
        assert_eq!(prose(plain(9_999)), "9999");
        assert_eq!(prose(plain(1949)), "1949");
        assert_eq!(
            prose(Const::Num(Decimal::new(123_455, 1), Unit::Plain)),
            "12345.5"
        );
        assert_eq!(
            prose(Const::Num(Decimal::from(4_200_000_000_000i64), Unit::Money)),
            "4.2T"
        );
    }

    #[test]
    fn money_prints_in_the_largest_unit() {
        assert_eq!(money(Decimal::from(8_590_000_000_000i64)), "8.59T");
        assert_eq!(money(Decimal::from(512_000_000_000i64)), "512B");
        assert_eq!(money(Decimal::from(30_700_000_000i64)), "30.7B");
        assert_eq!(
            round2(Decimal::from_str("1.7746").unwrap_or_default()),
            "1.77"
        );
    }

    #[test]
    fn lists_join_with_and_and_stop_at_the_cap() {
        let names: Vec<String> = ["A", "B", "C", "D"].iter().map(|s| s.to_string()).collect();
        assert_eq!(and_list(&names[..1], 8), "A");
        assert_eq!(and_list(&names[..3], 8), "A, B and C");
        assert_eq!(and_list(&names, 2), "A, B and 2 more");
        assert_eq!(plural(1, "state", "states"), "1 state");
    }
}
