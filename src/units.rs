//! The algebra of units, shared by the checker (when units are known statically) and the
//! engine (at evaluation): money + money is money, money / money is a plain number, and so on.

use crate::syntax::ast::{BinOp, Unit};

/// The unit of `a op b`, or `None` when the combination makes no sense (money + percentage).
pub fn combine(op: BinOp, a: Unit, b: Unit) -> Option<Unit> {
    use Unit::*;
    match op {
        BinOp::Add | BinOp::Sub => (a == b).then_some(a),
        BinOp::Mul => match (a, b) {
            (Plain, u) | (u, Plain) => Some(u),
            // A share of an amount: 2% of 4.2T is money.
            (Money, Percent) | (Percent, Money) => Some(Money),
            _ => None,
        },
        BinOp::Div => match (a, b) {
            (u, Plain) => Some(u),
            (x, y) if x == y => Some(Plain),
            _ => None,
        },
    }
}

/// Whether two values may be compared.
pub fn comparable(a: Unit, b: Unit) -> bool {
    a == b
}

/// How a unit is named in messages.
pub fn describe(unit: Unit) -> &'static str {
    match unit {
        Unit::Plain => "a plain number",
        Unit::Money => "money",
        Unit::Percent => "a percentage",
    }
}
