//! The facts of one relation: tuples in insertion order (a tuple's id is its position, so the
//! facts new in an iteration are a contiguous range), with hash indexes on the columns that
//! rules look tuples up by, built on first use and kept up to date as tuples arrive.

use std::hash::{BuildHasher, Hash, Hasher};

use indexmap::IndexSet;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::values::Value;

/// A set of bound columns, one bit per column.
pub type Mask = u32;

#[derive(Clone, Debug, Default)]
struct Index {
    map: FxHashMap<u64, Vec<u32>>,
    /// Tuples with ids below this are in the index.
    upto: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Store {
    pub arity: usize,
    tuples: IndexSet<Box<[Value]>, FxBuildHasher>,
    indexes: FxHashMap<Mask, Index>,
}

fn key_hash(mask: Mask, values: impl Iterator<Item = Value>) -> u64 {
    let mut h = FxBuildHasher.build_hasher();
    mask.hash(&mut h);
    for v in values {
        v.hash(&mut h);
    }
    h.finish()
}

fn masked(mask: Mask, tuple: &[Value]) -> impl Iterator<Item = Value> + '_ {
    tuple
        .iter()
        .enumerate()
        .filter(move |(i, _)| *i < 32 && mask & (1 << i) != 0)
        .map(|(_, v)| *v)
}

impl Store {
    pub fn new(arity: usize) -> Store {
        Store {
            arity,
            ..Store::default()
        }
    }

    pub fn len(&self) -> usize {
        self.tuples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tuples.is_empty()
    }

    pub fn get(&self, id: u32) -> &[Value] {
        self.tuples.get_index(id as usize).map_or(&[], |t| t)
    }

    pub fn find(&self, tuple: &[Value]) -> Option<u32> {
        self.tuples.get_index_of(tuple).map(|i| i as u32)
    }

    /// Adds a tuple; its id if it is new.
    pub fn insert(&mut self, tuple: &[Value]) -> Option<u32> {
        if self.tuples.contains(tuple) {
            return None;
        }
        let (id, _) = self.tuples.insert_full(tuple.into());
        Some(id as u32)
    }

    /// Adds a tuple already in a box of its own (no copy); its id if it is new.
    pub fn insert_owned(&mut self, tuple: Box<[Value]>) -> Option<u32> {
        match self.tuples.insert_full(tuple) {
            (id, true) => Some(id as u32),
            _ => None,
        }
    }

    /// Every tuple with its id, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &[Value])> {
        self.tuples
            .iter()
            .enumerate()
            .map(|(i, t)| (i as u32, &**t))
    }

    /// Makes sure an index on `mask` exists and covers every tuple.
    pub fn ensure_index(&mut self, mask: Mask) {
        if mask == 0 {
            return;
        }
        let index = self.indexes.entry(mask).or_default();
        for id in index.upto..self.tuples.len() {
            if let Some(t) = self.tuples.get_index(id) {
                index
                    .map
                    .entry(key_hash(mask, masked(mask, t)))
                    .or_default()
                    .push(id as u32);
            }
        }
        index.upto = self.tuples.len();
    }

    /// Ids in `lo..hi` of tuples whose `mask` columns equal `key` (in column order). Without an
    /// index on `mask` (or with an empty mask), scans the range.
    pub fn lookup<'a>(
        &'a self,
        mask: Mask,
        key: &'a [Value],
        lo: usize,
        hi: usize,
    ) -> Box<dyn Iterator<Item = u32> + 'a> {
        let hi = hi.min(self.tuples.len());
        if lo >= hi {
            return Box::new(std::iter::empty());
        }
        match self
            .indexes
            .get(&mask)
            .filter(|i| i.upto >= hi && mask != 0)
        {
            Some(index) => {
                let ids = index
                    .map
                    .get(&key_hash(mask, key.iter().copied()))
                    .map_or(&[][..], |v| v.as_slice());
                let start = ids.partition_point(|&id| (id as usize) < lo);
                let end = ids.partition_point(|&id| (id as usize) < hi);
                Box::new(
                    ids[start..end]
                        .iter()
                        .copied()
                        .filter(move |&id| masked(mask, self.get(id)).eq(key.iter().copied())),
                )
            }
            None => Box::new(
                (lo as u32..hi as u32)
                    .filter(move |&id| masked(mask, self.get(id)).eq(key.iter().copied())),
            ),
        }
    }
}
