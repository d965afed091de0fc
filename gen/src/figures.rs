//! Numbers as people write them in a script (money, decimals, counts), and the draw of a GDP.

use crate::rng::Rng;

/// Writes an amount of US dollars given in units of 10 million (so 2_740_000 is 27.4T) with
/// three significant digits in the largest fitting unit: `27.4T`, `812B`, `3.05B`, `40M`.
pub(crate) fn money(tens_of_millions: u64) -> String {
    let dollars = tens_of_millions.max(1) as u128 * 10_000_000;
    let (unit, div) = if dollars >= 1_000_000_000_000 {
        ("T", 1_000_000_000_000u128)
    } else if dollars >= 1_000_000_000 {
        ("B", 1_000_000_000)
    } else {
        ("M", 1_000_000)
    };
    // Three significant digits: keep `decimals` digits after the point.
    let whole = dollars / div;
    let decimals = match whole {
        0..=9 => 2,
        10..=99 => 1,
        _ => 0,
    };
    let scale = 10u128.pow(decimals);
    let scaled = (dollars * scale + div / 2) / div;
    decimal(scaled, decimals) + unit
}

/// `value / 10^decimals` written with trailing zeros (and a bare point) removed.
pub(crate) fn decimal(value: u128, decimals: u32) -> String {
    let scale = 10u128.pow(decimals);
    let whole = value / scale;
    let mut frac = value % scale;
    if frac == 0 {
        return whole.to_string();
    }
    let mut digits = decimals as usize;
    while frac % 10 == 0 {
        frac /= 10;
        digits -= 1;
    }
    format!("{whole}.{frac:0digits$}")
}

/// A GDP drawn log-uniformly from 1B to 30T, in units of 10 million dollars.
pub(crate) fn gdp(rng: &mut Rng) -> u64 {
    // ln(30T / 1B) = ln(30_000).
    let factor = (rng.unit() * 30_000f64.ln()).exp();
    (100.0 * factor).round() as u64
}

/// A plain count with `_` between thousands sometimes, as people write them: `28_500`.
pub(crate) fn count(rng: &mut Rng, n: u64) -> String {
    let digits = n.to_string();
    if n < 10_000 || rng.chance(0.5) {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('_');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_as_people_write_it() {
        assert_eq!(money(2_740_000), "27.4T");
        assert_eq!(money(81_200), "812B");
        assert_eq!(money(305), "3.05B");
        assert_eq!(money(100), "1B");
        assert_eq!(money(4), "40M");
        assert_eq!(decimal(12, 1), "1.2");
        assert_eq!(decimal(20, 1), "2");
    }
}
