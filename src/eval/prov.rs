//! Provenance, stored flat: one 8-byte entry per fact and the premises of every derived fact
//! back to back in one vector per relation. A box of premises per fact cost an allocation and
//! a release for every derived fact, which was a fifth of the time of a scenario and the
//! largest part of an evaluated world's memory.

use super::solve::FactRef;

/// How a fact came to hold: the first derivation found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Prov<'a> {
    /// Stated: the index of the base fact in [`super::Model::stated`].
    Base(u32),
    /// Derived by a rule from these positive facts, in the order the rule writes its atoms
    /// (negations and comparisons are checked again when explaining).
    Rule { rule: u32, premises: &'a [FactRef] },
    /// Computed by the engine (hub and spoke).
    Builtin,
}

/// The provenance of one relation's facts, by fact id.
#[derive(Clone, Debug, Default)]
pub struct Provenance {
    entries: Vec<Entry>,
    premises: Vec<FactRef>,
}

/// `what` says which kind of derivation (a rule number, or a tag bit with a base fact's
/// index, or `BUILTIN`); `at` is where the fact's premises begin, and the next entry's `at`
/// where they end.
#[derive(Clone, Copy, Debug)]
struct Entry {
    what: u32,
    at: u32,
}

const BASE: u32 = 1 << 31;
const BUILTIN: u32 = u32::MAX;

impl Provenance {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, id: u32) -> Option<Prov<'_>> {
        let i = id as usize;
        let entry = self.entries.get(i)?;
        Some(match entry.what {
            BUILTIN => Prov::Builtin,
            w if w & BASE != 0 => Prov::Base(w & !BASE),
            rule => {
                let end = self
                    .entries
                    .get(i + 1)
                    .map_or(self.premises.len(), |e| e.at as usize);
                Prov::Rule {
                    rule,
                    premises: self.premises.get(entry.at as usize..end).unwrap_or(&[]),
                }
            }
        })
    }

    /// The heap memory this provenance holds.
    pub fn bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.premises.capacity() * std::mem::size_of::<FactRef>()
    }

    /// Room for `facts` more facts with `premises` premises between them.
    pub(super) fn reserve(&mut self, facts: usize, premises: usize) {
        super::store::room(&mut self.entries, facts);
        super::store::room(&mut self.premises, premises);
    }

    pub(super) fn push_base(&mut self, index: u32) {
        self.push(BASE | index);
    }

    pub(super) fn push_builtin(&mut self) {
        self.push(BUILTIN);
    }

    pub(super) fn push_rule(&mut self, rule: u32, premises: &[FactRef]) {
        self.push(rule & !BASE);
        self.premises.extend_from_slice(premises);
    }

    fn push(&mut self, what: u32) {
        self.entries.push(Entry {
            what,
            at: self.premises.len() as u32,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::RelId;

    #[test]
    fn kinds_and_premises_come_back_as_pushed() {
        let f = |id| FactRef { rel: RelId(1), id };
        let mut p = Provenance::default();
        p.push_base(7);
        p.push_rule(3, &[f(0), f(1)]);
        p.push_builtin();
        p.push_rule(4, &[]);
        p.push_rule(5, &[f(2)]);
        assert_eq!(p.get(0), Some(Prov::Base(7)));
        assert_eq!(
            p.get(1),
            Some(Prov::Rule {
                rule: 3,
                premises: &[f(0), f(1)]
            })
        );
        assert_eq!(p.get(2), Some(Prov::Builtin));
        assert_eq!(
            p.get(3),
            Some(Prov::Rule {
                rule: 4,
                premises: &[]
            })
        );
        assert_eq!(
            p.get(4),
            Some(Prov::Rule {
                rule: 5,
                premises: &[f(2)]
            })
        );
        assert_eq!(p.get(5), None);
    }
}
