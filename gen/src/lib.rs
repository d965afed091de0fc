//! Seeded generators of large valid scripts, for the benchmarks (`benches/`), the tests and
//! `alliance generate`. A crate of its own so that the language core does not carry it.
//!
//! Both generators are deterministic for a seed, on every platform: they use a small
//! self-contained PRNG (splitmix64), no dependency and no floating-point formatting that could
//! change between releases of the standard library (numbers are printed from integers).

/// Appends formatted text to a `String` (which cannot fail); the caller has
/// `std::fmt::Write` in scope.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

mod dated;
mod figures;
mod rng;
mod script;
mod world;

pub use dated::dated_world;
pub use rng::Rng;
pub use script::script;
pub use world::world;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_have_about_the_size_asked() {
        for target in [1, 5_000, 100_000] {
            let len = script(target, 3).len();
            assert!(len >= target && len < target + 32 * 1024, "{target}: {len}");
        }
    }

    #[test]
    fn generators_are_deterministic() {
        assert_eq!(script(20_000, 42), script(20_000, 42));
        assert_ne!(script(20_000, 42), script(20_000, 43));
        assert_eq!(world(300, 5), world(300, 5));
        assert_ne!(world(300, 5), world(300, 6));
    }
}
