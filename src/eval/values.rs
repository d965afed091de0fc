//! Values during evaluation: every constant is interned to a small id, so tuples are arrays of
//! `u32` that hash and compare fast. Arithmetic is exact decimal with units.

use std::cmp::Ordering;

use indexmap::IndexSet;
use rust_decimal::Decimal;

use crate::program::Const;
use crate::syntax::ast::{BinOp, CmpOp, Unit};
use crate::units;

/// An interned constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Value(pub u32);

/// The table of constants of one evaluation.
#[derive(Clone, Debug, Default)]
pub struct Values {
    consts: IndexSet<Const, rustc_hash::FxBuildHasher>,
    /// Whether each value is a number, by id: a comparison for equality of two names (`a !=
    /// t`, many times over in the standard theory) reads these few bytes rather than the
    /// constants themselves.
    numbers: Vec<bool>,
}

/// Why an arithmetic step or comparison could not be done.
#[derive(Clone, Debug, PartialEq)]
pub enum ArithError {
    Units(Unit, Unit),
    NotNumber,
    DivisionByZero,
    Overflow,
}

impl Values {
    /// Interns a constant. Numbers are normalised first, so `2.50` and `2.5` are one value.
    pub fn intern(&mut self, c: Const) -> Value {
        let c = match c {
            Const::Num(d, u) => Const::Num(d.normalize(), u),
            other => other,
        };
        let (id, new) = self.consts.insert_full(c);
        if new {
            self.numbers.push(matches!(c, Const::Num(..)));
        }
        Value(id as u32)
    }

    /// The id of a constant if it was ever interned (a constant never seen matches nothing).
    pub fn find(&self, c: Const) -> Option<Value> {
        let c = match c {
            Const::Num(d, u) => Const::Num(d.normalize(), u),
            other => other,
        };
        self.consts.get_index_of(&c).map(|i| Value(i as u32))
    }

    /// How many distinct constants have been interned.
    pub fn len(&self) -> usize {
        self.consts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.consts.is_empty()
    }

    /// Whether these values begin with every constant of `base`, at the same ids (a
    /// scenario's values, seeded with its base world's).
    pub fn extends(&self, base: &Values) -> bool {
        self.consts.len() >= base.consts.len()
            && self.consts.iter().zip(&base.consts).all(|(a, b)| a == b)
    }

    /// For every value of `self`, the same constant's id in `other` (if it has one): how
    /// facts of two worlds are compared without turning every tuple back into constants.
    pub fn translate(&self, other: &Values) -> Vec<Option<Value>> {
        self.consts.iter().map(|c| other.find(*c)).collect()
    }

    pub fn get(&self, v: Value) -> Const {
        self.consts
            .get_index(v.0 as usize)
            .copied()
            .unwrap_or(Const::Num(Decimal::ZERO, Unit::Plain))
    }

    pub fn number(&self, v: Value) -> Option<(Decimal, Unit)> {
        match self.get(v) {
            Const::Num(d, u) => Some((d, u)),
            _ => None,
        }
    }

    /// `a op b` with units checked. Division rounds to 28 significant digits.
    pub fn arith(&mut self, op: BinOp, a: Value, b: Value) -> Result<Value, ArithError> {
        let ((x, xu), (y, yu)) = (
            self.number(a).ok_or(ArithError::NotNumber)?,
            self.number(b).ok_or(ArithError::NotNumber)?,
        );
        let unit = units::combine(op, xu, yu).ok_or(ArithError::Units(xu, yu))?;
        let result = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => {
                // A percentage times an amount is that share of it: 2% of 4T is 0.08T.
                let (x, y) = match (xu, yu) {
                    (Unit::Percent, Unit::Money) => (x / Decimal::ONE_HUNDRED, y),
                    (Unit::Money, Unit::Percent) => (x, y / Decimal::ONE_HUNDRED),
                    _ => (x, y),
                };
                x.checked_mul(y)
            }
            BinOp::Div => {
                if y.is_zero() {
                    return Err(ArithError::DivisionByZero);
                }
                x.checked_div(y)
            }
        };
        let result = result.ok_or(ArithError::Overflow)?;
        Ok(self.intern(Const::Num(result, unit)))
    }

    /// The sum of `items`, added in order with the units checked as `arith` checks them, but
    /// with only the total interned (not every partial sum). `None` for no items.
    pub fn sum(&mut self, items: &[Value]) -> Result<Option<Value>, ArithError> {
        if let [one] = items {
            return Ok(Some(*one));
        }
        let mut total: Option<(Decimal, Unit)> = None;
        for &v in items {
            let (y, yu) = self.number(v).ok_or(ArithError::NotNumber)?;
            total = Some(match total {
                None => (y, yu),
                Some((x, xu)) => {
                    let unit =
                        units::combine(BinOp::Add, xu, yu).ok_or(ArithError::Units(xu, yu))?;
                    // Not normalised at each step: `intern` normalises the total.
                    (x.checked_add(y).ok_or(ArithError::Overflow)?, unit)
                }
            });
        }
        Ok(total.map(|(d, u)| self.intern(Const::Num(d, u))))
    }

    pub fn negate(&mut self, a: Value) -> Result<Value, ArithError> {
        let (x, u) = self.number(a).ok_or(ArithError::NotNumber)?;
        Ok(self.intern(Const::Num(-x, u)))
    }

    /// Compares two values. Equality holds between any two values; ordering needs two numbers
    /// of one unit, or two names or strings (compared as text).
    pub fn compare(&self, op: CmpOp, a: Value, b: Value) -> Result<bool, ArithError> {
        // Equality of two values one of which is not a number is equality of their ids.
        let number = |v: Value| self.numbers.get(v.0 as usize).copied().unwrap_or(true);
        if matches!(op, CmpOp::Eq | CmpOp::Ne) && !(number(a) && number(b)) {
            return Ok((a == b) == (op == CmpOp::Eq));
        }
        let (ca, cb) = (self.get(a), self.get(b));
        let ordering = match (ca, cb) {
            (Const::Num(x, xu), Const::Num(y, yu)) => {
                if !units::comparable(xu, yu) {
                    return Err(ArithError::Units(xu, yu));
                }
                x.cmp(&y)
            }
            _ if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                return Ok((a == b) == (op == CmpOp::Eq));
            }
            (Const::Sym(x), Const::Sym(y)) | (Const::Str(x), Const::Str(y)) => {
                x.as_str().cmp(y.as_str())
            }
            _ => return Err(ArithError::NotNumber),
        };
        Ok(match op {
            CmpOp::Eq => ordering == Ordering::Equal,
            CmpOp::Ne => ordering != Ordering::Equal,
            CmpOp::Lt => ordering == Ordering::Less,
            CmpOp::Le => ordering != Ordering::Greater,
            CmpOp::Gt => ordering == Ordering::Greater,
            CmpOp::Ge => ordering != Ordering::Less,
        })
    }

    /// The order answers are listed in: numbers by size, then names and strings by text.
    pub fn order(&self, a: Value, b: Value) -> Ordering {
        match (self.get(a), self.get(b)) {
            (Const::Num(x, xu), Const::Num(y, yu)) => (xu, x).cmp(&(yu, y)),
            (Const::Num(..), _) => Ordering::Less,
            (_, Const::Num(..)) => Ordering::Greater,
            (Const::Sym(x) | Const::Str(x), Const::Sym(y) | Const::Str(y)) => {
                x.as_str().cmp(y.as_str())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn num(s: &str, u: Unit) -> Const {
        Const::Num(Decimal::from_str(s).unwrap_or_default(), u)
    }

    #[test]
    fn decimal_arithmetic_is_exact() {
        let mut v = Values::default();
        let (a, b) = (
            v.intern(num("0.1", Unit::Plain)),
            v.intern(num("0.2", Unit::Plain)),
        );
        let sum = v.arith(BinOp::Add, a, b).unwrap_or(Value(0));
        assert_eq!(v.get(sum), num("0.3", Unit::Plain));
        let (p, q) = (
            v.intern(num("3", Unit::Percent)),
            v.intern(num("2.5", Unit::Percent)),
        );
        let diff = v.arith(BinOp::Sub, p, q).unwrap_or(Value(0));
        assert_eq!(v.get(diff), num("0.5", Unit::Percent));
    }

    #[test]
    fn units_are_checked() {
        let mut v = Values::default();
        let (m, p) = (
            v.intern(num("1000", Unit::Money)),
            v.intern(num("2", Unit::Percent)),
        );
        assert_eq!(
            v.arith(BinOp::Add, m, p),
            Err(ArithError::Units(Unit::Money, Unit::Percent))
        );
        assert!(v.compare(CmpOp::Lt, m, p).is_err());
        let share = v.arith(BinOp::Mul, m, p).unwrap_or(Value(0));
        assert_eq!(v.get(share), num("20", Unit::Money));
        let zero = v.intern(num("0", Unit::Money));
        assert_eq!(
            v.arith(BinOp::Div, m, zero),
            Err(ArithError::DivisionByZero)
        );
    }
}
