//! Interned names: symbols, and the tables that hold their text.
//!
//! A symbol is one thin pointer to its text's own cell, so syntax trees and facts stay small
//! and two symbols are equal exactly when they are the same pointer. Where that text lives
//! depends on who asked for it:
//!
//! - the process-wide table keeps, for the life of the process, every name interned outside
//!   a session (a command-line run, a test): one run parses one world, so it is bounded by
//!   what that world names;
//! - a [`Interner`] table belongs to one long-lived user (a REPL session, a language server) and
//!   holds the names first seen while it is entered. It is freed when its last handle goes,
//!   so such a user bounds its memory by starting a fresh table and checking its world again
//!   in it (what [`crate::session::Session`] does when its table has more than doubled): the
//!   names of answered questions, typos and deleted text then go with the old table.
//!
//! The rule that makes this safe: a symbol is used only while the table that made it lives.
//! Everything a session keeps holds a handle on its table ([`Interner`] in the checked world,
//! the model and every reply), and a table is only dropped after all of those are rebuilt.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxBuildHasher;

/// An interned identifier or string. Cheap to copy and compare (one pointer); reading its text
/// takes no lock and no table. Symbols order by their text.
#[derive(Clone, Copy)]
pub struct Sym(&'static &'static str);

type Table = HashMap<&'static str, Sym, FxBuildHasher>;

/// The process-wide table: its texts and cells are leaked, as they live as long as it does.
fn global() -> &'static Mutex<Table> {
    static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

fn lock(table: &Mutex<Table>) -> std::sync::MutexGuard<'_, Table> {
    table.lock().unwrap_or_else(|e| e.into_inner())
}

/// One owned table: the map, and the allocations it owns (freed when the table is dropped).
#[derive(Default)]
struct Layer(Mutex<Owned>);

#[derive(Default)]
struct Owned {
    map: Table,
    allocations: Vec<(*mut str, *mut &'static str)>,
}

// The raw pointers are owned allocations only ever read through shared references (the
// symbols) and freed once, in `drop`, when no symbol of the table is in use any more.
unsafe impl Send for Layer {}
unsafe impl Sync for Layer {}

impl Layer {
    fn lock(&self) -> std::sync::MutexGuard<'_, Owned> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn insert(&self, text: &str) -> Sym {
        let mut owned = self.lock();
        // Another thread in the same table may have interned it since the caller looked.
        if let Some(sym) = owned.map.get(text) {
            return *sym;
        }
        let text: *mut str = Box::into_raw(text.to_owned().into_boxed_str());
        // SAFETY: both allocations live until this layer is dropped, which is after every
        // symbol made here has gone (the module's rule); they are never written again.
        let key: &'static str = unsafe { &*text };
        let cell: *mut &'static str = Box::into_raw(Box::new(key));
        let sym = Sym(unsafe { &*cell });
        owned.allocations.push((text, cell));
        owned.map.insert(key, sym);
        sym
    }
}

impl Drop for Layer {
    fn drop(&mut self) {
        let owned = self.0.get_mut().unwrap_or_else(|e| e.into_inner());
        // The map only borrows the texts: empty it before they are freed.
        owned.map.clear();
        for (text, cell) in owned.allocations.drain(..) {
            // SAFETY: made by `Box::into_raw` in `insert`, freed only here.
            unsafe {
                drop(Box::from_raw(cell));
                drop(Box::from_raw(text));
            }
        }
    }
}

/// A table of names owned by one long-lived user: a REPL session, a language server. While it
/// is entered ([`Interner::enter`]) on a thread, a name not already in the process-wide table is
/// interned here; held by everything that keeps such names, so it lives as long as they do.
#[derive(Clone, Default)]
pub struct Interner(Arc<Layer>);

impl fmt::Debug for Interner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Interner({} names)", self.len())
    }
}

thread_local! {
    /// The table entered on this thread, if any.
    static ENTERED: RefCell<Option<Interner>> = const { RefCell::new(None) };
}

/// While alive, new names on this thread go into a [`Interner`] table; the table entered before
/// is entered again when it is dropped.
pub struct Entered {
    before: Option<Interner>,
}

impl Drop for Entered {
    fn drop(&mut self) {
        let before = self.before.take();
        ENTERED.with(|e| *e.borrow_mut() = before);
    }
}

impl Interner {
    pub fn new() -> Interner {
        Interner::default()
    }

    /// Whether a user whose world needed `live` names when its table was last renewed
    /// should renew it now: once it holds more than twice those and a thousand more, so
    /// memory stays within a constant factor of the world's, and checking the world again
    /// costs no more per entry than the entries that grew the table.
    pub fn outgrown(&self, live: usize) -> bool {
        self.len() > live * 2 + 1024
    }

    /// Interns new names into this table on this thread until the guard is dropped.
    #[must_use = "the table is entered only while the guard lives"]
    pub fn enter(&self) -> Entered {
        let before = ENTERED.with(|e| e.borrow_mut().replace(self.clone()));
        Entered { before }
    }

    /// The table entered on this thread, to be kept by whatever holds its names.
    pub fn current() -> Option<Interner> {
        ENTERED.with(|e| e.borrow().clone())
    }

    /// How many names this table holds.
    pub fn len(&self) -> usize {
        self.0.lock().map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, text: &str) -> Option<Sym> {
        self.0.lock().map.get(text).copied()
    }
}

impl Sym {
    /// Interns `text`: in the table entered on this thread if there is one (unless the
    /// process-wide table has it already), else in the process-wide table.
    pub fn new(text: &str) -> Sym {
        // Read in place (no handle cloned): this runs for every name parsed.
        ENTERED.with(|e| match e.borrow().as_ref() {
            // The entered table first: a name it holds keeps its symbol even if the
            // process-wide table learns the same text later (from another user), so a
            // session's symbols agree.
            Some(names) => names.get(text).unwrap_or_else(|| {
                let known = lock(global()).get(text).copied();
                known.unwrap_or_else(|| names.0.insert(text))
            }),
            None => {
                let mut table = lock(global());
                if let Some(sym) = table.get(text) {
                    return *sym;
                }
                let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
                let sym = Sym(Box::leak(Box::new(leaked)));
                table.insert(leaked, sym);
                sym
            }
        })
    }

    /// The symbol of `text` if it has been interned, without interning it: a lookup by a
    /// name nothing declared finds nothing either way, and should not grow the table.
    pub fn find(text: &str) -> Option<Sym> {
        ENTERED
            .with(|e| e.borrow().as_ref().and_then(|names| names.get(text)))
            .or_else(|| lock(global()).get(text).copied())
    }

    /// The text. Valid as long as the table that made the symbol, which outlives its
    /// symbols (see the module's rule).
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl PartialEq for Sym {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Sym {}

impl std::hash::Hash for Sym {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.0 as *const &str as usize).hash(state);
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sym {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_holds_the_names_first_seen_while_it_is_entered() {
        let before = Sym::new("names-test-known");
        let interner = Interner::new();
        let (inside, again, known) = {
            let _entered = interner.enter();
            (
                Sym::new("names-test-new"),
                Sym::new("names-test-new"),
                Sym::new("names-test-known"),
            )
        };
        assert_eq!(inside, again);
        assert_eq!(inside.as_str(), "names-test-new");
        assert_eq!(known, before, "a name the process already has is shared");
        assert_eq!(interner.len(), 1);
        assert_eq!(Sym::find("names-test-new"), None, "not outside the table");
        // The process learning the name later does not change the table's symbol.
        let outside = Sym::new("names-test-new");
        assert_ne!(outside, inside);
        let _entered = interner.enter();
        assert_eq!(Sym::new("names-test-new"), inside);
        assert_eq!(Sym::find("names-test-new"), Some(inside));
    }

    #[test]
    fn entering_nests() {
        let (a, b) = (Interner::new(), Interner::new());
        let _outer = a.enter();
        {
            let _inner = b.enter();
            Sym::new("names-test-inner");
        }
        Sym::new("names-test-outer");
        assert_eq!((a.len(), b.len()), (1, 1));
    }
}
