//! The facts of one relation: tuples in insertion order (a tuple's id is its position, so the
//! facts new in an iteration are a contiguous range), with hash indexes on the columns that
//! rules look tuples up by, built on first use and kept up to date as tuples arrive.
//!
//! Memory is kept close to the facts themselves: the tuples of a relation lie back to back in
//! one vector of value ids, the set of tuples is a table of tuple ids (4 bytes a slot), and an
//! index is a table of keys, each pointing to a chain of tuple ids linked through one vector
//! (4 bytes a tuple), rather than a separate allocation per tuple or per key.
//!
//! A lookup with every column bound (`not conditional(a, x)`, `member(x, p)` with both known)
//! needs no index: it finds the tuple itself in the set of tuples. Such a relation gets a
//! filter instead (a Bloom filter, two bits a tuple in one 64-bit word, 8 to 16 bits a tuple):
//! most such lookups, in the standard theory, look for a tuple that is not there, and the
//! filter says so from one word, where the set of tuples costs a slot and a tuple or more, each
//! a read from anywhere in memory.

use super::values::Value;

/// A set of bound columns, one bit per column.
pub type Mask = u32;

/// No tuple: an empty slot, or the end of a chain.
const NONE: u32 = u32::MAX;

/// Open addressing over tuple ids (triangular probing, at most three quarters full). The
/// table keeps ids only; a slot's tuple, and so its hash, is read from the store's data.
#[derive(Clone, Debug, Default)]
struct Table {
    slots: Vec<u32>,
    used: usize,
}

impl Table {
    /// The slot holding an entry for which `is` holds, or the empty slot where it belongs.
    fn probe(&self, hash: u64, mut is: impl FnMut(u32) -> bool) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (hash >> 32) as usize & mask;
        let mut step = 0;
        loop {
            let id = self.slots[i];
            if id == NONE || is(id) {
                return i;
            }
            step += 1;
            i = (i + step) & mask;
        }
    }

    /// Whether `more` entries need a larger table first.
    fn full(&self, more: usize) -> bool {
        (self.used + more) * 4 > self.slots.len() * 3
    }

    /// Rebuilds the table with `size` slots (a power of two), placing every entry again by
    /// `hash`; `moved(old, new)` hears where each entry went.
    fn resize(
        &mut self,
        size: usize,
        hash: impl Fn(u32) -> u64,
        mut moved: impl FnMut(usize, usize),
    ) {
        let old = std::mem::replace(&mut self.slots, vec![NONE; size]);
        for (from, &id) in old.iter().enumerate() {
            if id != NONE {
                let to = self.probe(hash(id), |_| false);
                self.slots[to] = id;
                moved(from, to);
            }
        }
    }
}

/// An index on some columns: each distinct key's tuples, in id order, as a chain.
#[derive(Clone, Debug, Default)]
struct Index {
    mask: Mask,
    /// The columns of `mask`, in order (read for every tuple indexed and every lookup).
    cols: Vec<usize>,
    /// Keys, each by the id of the first tuple that has it.
    keys: Table,
    /// For each key (by its slot in `keys`), the last tuple of its chain.
    last: Vec<u32>,
    /// For each tuple, the next tuple with the same key (or `NONE`).
    next: Vec<u32>,
}

/// A Bloom filter of the tuples with ids below `covers`.
#[derive(Clone, Debug, Default)]
struct Filter {
    /// A power of two of words (or none: no filter).
    words: Vec<u64>,
    covers: usize,
}

/// No filter for fewer tuples than this: their set is small enough to stay in the cache.
const FILTER_FROM: usize = 256;

impl Filter {
    /// The word and the two bits of a tuple's hash. The set of tuples places a tuple by the
    /// high half of the hash; the filter reads the low half.
    fn bits(&self, hash: u64) -> (usize, u64) {
        let word = hash as usize & (self.words.len() - 1);
        (word, 1 << ((hash >> 20) & 63) | 1 << ((hash >> 26) & 63))
    }

    fn add(&mut self, hash: u64) {
        let (word, bits) = self.bits(hash);
        self.words[word] |= bits;
    }

    /// Whether a tuple of this hash may be among those covered.
    fn may_hold(&self, hash: u64) -> bool {
        let (word, bits) = self.bits(hash);
        self.words[word] & bits == bits
    }
}

#[derive(Clone, Debug, Default)]
pub struct Store {
    pub arity: usize,
    /// Tuples back to back, `arity` values each.
    data: Vec<Value>,
    len: usize,
    tuples: Table,
    indexes: Vec<Index>,
    filter: Filter,
}

fn hash_values(values: impl Iterator<Item = Value>) -> u64 {
    // Multiply-rotate over the 32-bit ids, then a final mix so that the high bits, where
    // probing starts, depend on every value.
    let mut h: u64 = 0;
    for v in values {
        h = (h ^ u64::from(v.0))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(26);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^ (h >> 33)
}

/// Makes room in `v` for `more` items: exactly that much for a batch at least half the size
/// of what is there (most relations get their facts in one or two batches, and doubling would
/// leave up to half the memory unused), by doubling for smaller ones (the many small rounds of
/// a recursive rule), which keeps the copying linear.
pub(super) fn room<T>(v: &mut Vec<T>, more: usize) {
    if v.capacity() - v.len() < more {
        if more >= v.len() / 2 {
            v.reserve_exact(more);
        } else {
            v.reserve(more);
        }
    }
}

/// Whether two tuples of one arity are equal (a plain loop: no call for a few values).
fn same(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The values of the columns of `mask`, in column order.
fn masked(mask: Mask, tuple: &[Value]) -> impl Iterator<Item = Value> + '_ {
    tuple
        .iter()
        .take(32)
        .enumerate()
        .filter(move |(i, _)| mask & (1 << i) != 0)
        .map(|(_, v)| *v)
}

/// The ids a lookup finds.
pub struct Lookup<'a> {
    store: &'a Store,
    how: How<'a>,
    /// The next candidate id.
    at: u32,
    hi: u32,
}

enum How<'a> {
    /// The one tuple found, if any (`at`), then nothing.
    One,
    /// Follow an index chain (every tuple on it has the key); skip ids below `lo`.
    Chain { next: &'a [u32], lo: u32 },
    /// Scan the range, keeping the tuples whose `mask` columns equal `key`.
    Scan { mask: Mask, key: &'a [Value] },
}

impl Iterator for Lookup<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        match &self.how {
            How::One => {
                let id = self.at;
                self.at = NONE;
                (id != NONE).then_some(id)
            }
            How::Chain { next, lo } => {
                while self.at != NONE && self.at < self.hi {
                    let id = self.at;
                    self.at = next[id as usize];
                    if id >= *lo {
                        return Some(id);
                    }
                }
                None
            }
            How::Scan { mask, key } => {
                while self.at < self.hi {
                    let id = self.at;
                    self.at += 1;
                    if *mask == 0 || masked(*mask, self.store.get(id)).eq(key.iter().copied()) {
                        return Some(id);
                    }
                }
                None
            }
        }
    }
}

impl Store {
    pub fn new(arity: usize) -> Store {
        Store {
            arity,
            ..Store::default()
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, id: u32) -> &[Value] {
        let start = id as usize * self.arity;
        self.data.get(start..start + self.arity).unwrap_or(&[])
    }

    pub fn find(&self, tuple: &[Value]) -> Option<u32> {
        if self.len == 0 || tuple.len() != self.arity {
            return None;
        }
        let hash = hash_values(tuple.iter().copied());
        // The filter, when it covers every tuple, answers most searches for a tuple that is
        // not there.
        if self.filter.covers == self.len
            && !self.filter.words.is_empty()
            && !self.filter.may_hold(hash)
        {
            return None;
        }
        let slot = self.tuples.probe(hash, |id| same(self.get(id), tuple));
        Some(self.tuples.slots[slot]).filter(|id| *id != NONE)
    }

    /// Whether `mask` binds every column: a lookup that finds the tuple itself.
    fn whole(&self, mask: Mask) -> bool {
        self.arity <= 32 && u64::from(mask) == (1u64 << self.arity) - 1
    }

    /// Brings the filter up to date with every tuple, built again (16 bits a tuple) when the
    /// relation has grown to more than one tuple in 8 bits.
    fn ensure_filter(&mut self) {
        if self.len < FILTER_FROM {
            return;
        }
        if self.filter.words.len() * 64 < self.len * 8 {
            let words = (self.len * 16).div_ceil(64).next_power_of_two();
            self.filter = Filter {
                words: vec![0; words],
                covers: 0,
            };
        }
        for id in self.filter.covers as u32..self.len as u32 {
            let hash = hash_values(self.get(id).iter().copied());
            self.filter.add(hash);
        }
        self.filter.covers = self.len;
    }

    /// Adds a tuple; its id if it is new.
    pub fn insert(&mut self, tuple: &[Value]) -> Option<u32> {
        if tuple.len() != self.arity {
            return None;
        }
        self.reserve(1);
        let hash = hash_values(tuple.iter().copied());
        let (data, arity) = (&self.data, self.arity);
        let slot = self.tuples.probe(hash, |id| {
            let start = id as usize * arity;
            same(&data[start..start + arity], tuple)
        });
        if self.tuples.slots[slot] != NONE {
            return None;
        }
        let id = self.len as u32;
        self.tuples.slots[slot] = id;
        self.tuples.used += 1;
        self.data.extend_from_slice(tuple);
        self.len += 1;
        Some(id)
    }

    /// Makes room for `more` tuples, so that adding them grows the table of tuples (and
    /// places every tuple again) at most once.
    pub fn reserve(&mut self, more: usize) {
        if !self.tuples.full(more) {
            return;
        }
        room(&mut self.data, more * self.arity);
        let mut size = self.tuples.slots.len().max(8);
        while (self.tuples.used + more) * 4 > size * 3 {
            size *= 2;
        }
        let (data, arity) = (&self.data, self.arity);
        self.tuples.resize(
            size,
            |id| {
                hash_values(
                    data[id as usize * arity..(id as usize + 1) * arity]
                        .iter()
                        .copied(),
                )
            },
            |_, _| {},
        );
    }

    /// The heap memory this relation holds: its tuples and their table, and its indexes (its
    /// filter included).
    pub fn bytes(&self) -> (usize, usize) {
        let u32s = |n: usize| n * std::mem::size_of::<u32>();
        let tuples = self.data.capacity() * std::mem::size_of::<Value>()
            + u32s(self.tuples.slots.capacity());
        let indexes = self
            .indexes
            .iter()
            .map(|i| {
                u32s(i.keys.slots.capacity() + i.last.capacity() + i.next.capacity())
                    + i.cols.capacity() * std::mem::size_of::<usize>()
            })
            .sum::<usize>()
            + self.filter.words.capacity() * std::mem::size_of::<u64>();
        (tuples, indexes)
    }

    /// Every tuple with its id, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &[Value])> {
        (0..self.len as u32).map(|id| (id, self.get(id)))
    }

    /// Makes sure an index on `mask` exists and covers every tuple (for a mask that binds
    /// every column, the filter: such a lookup reads the set of tuples, not an index).
    pub fn ensure_index(&mut self, mask: Mask) {
        if mask == 0 {
            return;
        }
        if self.whole(mask) {
            self.ensure_filter();
            return;
        }
        let k = match self.indexes.iter().position(|i| i.mask == mask) {
            Some(k) => k,
            None => {
                self.indexes.push(Index {
                    mask,
                    cols: (0..self.arity.min(32))
                        .filter(|i| mask & (1 << i) != 0)
                        .collect(),
                    ..Index::default()
                });
                self.indexes.len() - 1
            }
        };
        let mut index = std::mem::take(&mut self.indexes[k]);
        let cols = std::mem::take(&mut index.cols);
        let (data, arity) = (&self.data, self.arity);
        let tuple = |id: u32| &data[id as usize * arity..(id as usize + 1) * arity];
        let hash = |t: &[Value]| hash_values(cols.iter().map(|&c| t[c]));
        let more = self.len - index.next.len();
        room(&mut index.next, more);
        for id in index.next.len() as u32..self.len as u32 {
            if index.keys.full(1) {
                let size = (index.keys.slots.len() * 2).max(8);
                let mut last = vec![NONE; size];
                let old = &index.last;
                index.keys.resize(
                    size,
                    |first| hash(tuple(first)),
                    |from, to| last[to] = old[from],
                );
                index.last = last;
            }
            let t = tuple(id);
            let slot = index.keys.probe(hash(t), |first| {
                let f = tuple(first);
                cols.iter().all(|&c| f[c] == t[c])
            });
            if index.keys.slots[slot] == NONE {
                index.keys.slots[slot] = id;
                index.keys.used += 1;
            } else {
                let tail = index.last[slot];
                index.next[tail as usize] = id;
            }
            index.last[slot] = id;
            index.next.push(NONE);
        }
        index.cols = cols;
        self.indexes[k] = index;
    }

    /// Ids in `lo..hi` of tuples whose `mask` columns equal `key` (in column order), in id
    /// order. Without an index on `mask` covering `hi` (or with an empty mask), scans the range.
    pub fn lookup<'a>(&'a self, mask: Mask, key: &'a [Value], lo: usize, hi: usize) -> Lookup<'a> {
        let hi = hi.min(self.len) as u32;
        let lo = lo.min(u32::MAX as usize) as u32;
        if mask != 0 && self.whole(mask) {
            // Every column bound: at most one tuple, found in the set of tuples.
            let at = self.find(key).filter(|id| *id >= lo).unwrap_or(NONE);
            return Lookup {
                store: self,
                how: How::One,
                at: if at < hi { at } else { NONE },
                hi,
            };
        }
        let index = self
            .indexes
            .iter()
            .find(|i| i.mask == mask && i.next.len() >= hi as usize && mask != 0);
        match index {
            Some(index) if !index.keys.slots.is_empty() => {
                let slot = index.keys.probe(hash_values(key.iter().copied()), |first| {
                    let f = self.get(first);
                    index.cols.len() == key.len()
                        && index.cols.iter().zip(key).all(|(&c, k)| f[c] == *k)
                });
                Lookup {
                    store: self,
                    how: How::Chain {
                        next: &index.next,
                        lo,
                    },
                    at: index.keys.slots[slot],
                    hi,
                }
            }
            Some(_) => Lookup {
                store: self,
                how: How::Chain { next: &[], lo },
                at: NONE,
                hi,
            },
            None => Lookup {
                store: self,
                how: How::Scan { mask, key },
                at: lo,
                hi,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[u32]) -> Vec<Value> {
        xs.iter().map(|x| Value(*x)).collect()
    }

    #[test]
    fn tuples_are_kept_once_in_insertion_order() {
        let mut s = Store::new(2);
        for i in 0..1000u32 {
            assert_eq!(s.insert(&v(&[i % 37, i])), Some(i));
        }
        for i in 0..1000u32 {
            assert_eq!(s.insert(&v(&[i % 37, i])), None);
            assert_eq!(s.find(&v(&[i % 37, i])), Some(i));
            assert_eq!(s.get(i), &v(&[i % 37, i])[..]);
        }
        assert_eq!(s.find(&v(&[1, 0])), None);
        assert_eq!(s.len(), 1000);
        assert_eq!(s.iter().count(), 1000);
    }

    #[test]
    fn lookups_by_index_and_by_scan_agree() {
        let mut s = Store::new(3);
        for i in 0..500u32 {
            s.insert(&v(&[i % 7, i % 11, i]));
        }
        let scan: Vec<u32> = s.lookup(0b011, &v(&[3, 5]), 10, 400).collect();
        s.ensure_index(0b011);
        for i in 500..900u32 {
            s.insert(&v(&[i % 7, i % 11, i]));
        }
        // The index is behind: lookups scan until it is brought up to date.
        assert_eq!(
            s.lookup(0b011, &v(&[3, 5]), 10, 400).collect::<Vec<_>>(),
            scan
        );
        s.ensure_index(0b011);
        let indexed: Vec<u32> = s.lookup(0b011, &v(&[3, 5]), 10, 400).collect();
        assert_eq!(indexed, scan);
        let all: Vec<u32> = s.lookup(0b011, &v(&[3, 5]), 0, usize::MAX).collect();
        let expected: Vec<u32> = (0..900).filter(|i| i % 7 == 3 && i % 11 == 5).collect();
        assert_eq!(all, expected);
        assert_eq!(s.lookup(0b011, &v(&[3, 50]), 0, usize::MAX).count(), 0);
    }

    #[test]
    fn lookups_with_every_column_bound_agree_with_the_filter_old_or_new() {
        let mut s = Store::new(2);
        for i in 0..1000u32 {
            s.insert(&v(&[i % 37, i]));
        }
        let all = |s: &Store, t: &[Value]| s.lookup(0b11, t, 0, usize::MAX).collect::<Vec<_>>();
        // Before and after the filter is built, and once it is behind the tuples.
        assert_eq!(all(&s, &v(&[5, 42])), vec![42]);
        s.ensure_index(0b11);
        assert!(s.indexes.is_empty() && s.filter.covers == 1000);
        for i in 0..2000u32 {
            let held = (i < 1000).then_some(i);
            assert_eq!(s.find(&v(&[i % 37, i])), held);
            assert_eq!(
                all(&s, &v(&[i % 37, i])),
                held.into_iter().collect::<Vec<_>>()
            );
            assert_eq!(s.find(&v(&[i % 37 + 1, i])), None);
        }
        s.insert(&v(&[7, 5000]));
        assert_eq!(s.find(&v(&[7, 5000])), Some(1000));
        assert_eq!(all(&s, &v(&[7, 5000])), vec![1000]);
        // A range limits a lookup as it limits a chain.
        assert_eq!(s.lookup(0b11, &v(&[7, 5000]), 0, 1000).count(), 0);
        assert_eq!(s.lookup(0b11, &v(&[5, 42]), 43, 1001).count(), 0);
        assert_eq!(s.lookup(0b11, &v(&[5, 42]), 42, 43).count(), 1);
        // Grown past 8 bits a tuple, the filter is built again, larger.
        let words = s.filter.words.len();
        for i in 0..5000u32 {
            s.insert(&v(&[1000, i]));
        }
        s.ensure_index(0b11);
        assert!(s.filter.words.len() > words && s.filter.covers == s.len());
        assert_eq!(s.find(&v(&[1000, 4999])), Some(6000));
        assert_eq!(s.find(&v(&[1000, 5000])), None);
    }

    #[test]
    fn nullary_relations_hold_one_tuple() {
        let mut s = Store::new(0);
        assert_eq!(s.find(&[]), None);
        assert_eq!(s.insert(&[]), Some(0));
        assert_eq!(s.insert(&[]), None);
        assert_eq!(s.find(&[]), Some(0));
        assert_eq!(s.iter().count(), 1);
    }
}
