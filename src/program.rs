//! The checked program: what the checker hands to the engine. Names are resolved to ids, so
//! evaluation never looks a name up and cannot fail on one.

use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::source::{Span, Sym};
use crate::syntax::ast::{AggOp, BinOp, CmpOp, Unit};

/// Index of a relation in [`Program::relations`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelId(pub u32);

/// Where a relation's facts come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelKind {
    /// Stated by declarations, attributes or `fact`s (it may also have rules).
    Base,
    /// Defined by rules only.
    Derived,
    /// Computed by the engine itself: `hub` and `spoke`.
    Builtin,
}

#[derive(Clone, Debug)]
pub struct Relation {
    pub name: Sym,
    pub arity: usize,
    pub kind: RelKind,
    /// Where the relation was first stated or defined, if in a file.
    pub span: Option<Span>,
}

/// A constant: the values facts are made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Const {
    /// A name (`Japan`) or a constant word (`mutual`, `technology`).
    Sym(Sym),
    /// An exact number with its unit. Money is in dollars, percentages in points.
    Num(Decimal, Unit),
    /// A string (`"South Korea"`).
    Str(Sym),
}

/// A term of a checked atom: variables are numbered within their rule or query.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Term {
    Var(u32),
    Const(Const),
    Anon,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Atom {
    pub rel: RelId,
    pub args: Vec<Term>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Term(Term, Span),
    Neg(Box<Expr>, Span),
    Bin(BinOp, Box<Expr>, Box<Expr>, Span),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Term(_, s) | Expr::Neg(_, s) | Expr::Bin(_, _, _, s) => *s,
        }
    }
}

/// A body literal, with the roles the checker decided (an `=` that binds is an assignment).
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Pos(Atom),
    Neg(Atom),
    Compare {
        op: CmpOp,
        lhs: Expr,
        rhs: Expr,
        span: Span,
    },
    Assign {
        var: u32,
        expr: Expr,
        span: Span,
    },
    /// `unit` is the unit of `expr` when the checker knows it: a sum over nothing is 0 in it.
    Aggregate {
        var: u32,
        op: AggOp,
        expr: Expr,
        body: Vec<Literal>,
        unit: Option<Unit>,
        span: Span,
    },
}

impl Literal {
    /// Where the literal is written.
    pub fn span(&self) -> Span {
        match self {
            Literal::Pos(a) | Literal::Neg(a) => a.span,
            Literal::Compare { span, .. }
            | Literal::Assign { span, .. }
            | Literal::Aggregate { span, .. } => *span,
        }
    }
}

/// Where a rule comes from, for explanations ("standard theory" or the script's line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A rule of the language itself (a threat against a pact reaches its members).
    Language,
    Prelude,
    Script,
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub head: Atom,
    /// The body in evaluation order: each literal after those that give its variables values
    /// (atoms keep their written order; each literal keeps its span).
    pub body: Vec<Literal>,
    /// Variable names by number, for explanations.
    pub vars: Vec<Sym>,
    pub span: Span,
    pub origin: Origin,
}

/// The years a base fact holds, both ends inclusive; `None` leaves that end open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Years {
    pub from: Option<i32>,
    pub until: Option<i32>,
}

impl Years {
    /// Undated: holds in every year.
    pub const ALWAYS: Years = Years {
        from: None,
        until: None,
    };

    pub fn is_always(self) -> bool {
        self == Years::ALWAYS
    }

    /// Whether it holds as of `year` (both ends inclusive: a year counts if the fact held at
    /// any time in it). With no year, the world as it stands today: whatever has an `until`
    /// has ended, whatever has only a `from` holds.
    pub fn holds(self, year: Option<i32>) -> bool {
        match year {
            Some(y) => self.from.is_none_or(|f| f <= y) && self.until.is_none_or(|u| y <= u),
            None => self.until.is_none(),
        }
    }

    /// The years both hold (a state's years bound those of its commitments).
    pub fn meet(self, other: Years) -> Years {
        let later = |a: Option<i32>, b: Option<i32>| match (a, b) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let earlier = |a: Option<i32>, b: Option<i32>| match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Years {
            from: later(self.from, other.from),
            until: earlier(self.until, other.until),
        }
    }

    /// Whether some year lies in both.
    pub fn overlaps(self, other: Years) -> bool {
        let m = self.meet(other);
        match (m.from, m.until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        }
    }

    /// "from 1955 until 1990", "from 1952", "until 1991", or nothing.
    pub fn words(self) -> String {
        match (self.from, self.until) {
            (Some(f), Some(u)) if f == u => format!("in {f}"),
            (Some(f), Some(u)) => format!("from {f} until {u}"),
            (Some(f), None) => format!("from {f}"),
            (None, Some(u)) => format!("until {u}"),
            (None, None) => String::new(),
        }
    }
}

/// What stated a base fact; a scenario's `add` replaces facts with the same key.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub rel: RelId,
    pub args: Vec<Const>,
    pub span: Span,
    pub origin: Origin,
    /// The years it holds: its own `from`/`until`, within those of the states it names.
    pub years: Years,
}

/// A conjunction of literals with its variables, as in `?` and `expect`.
#[derive(Clone, Debug)]
pub struct Query {
    pub body: Vec<Literal>,
    pub vars: Vec<Sym>,
    /// The variables an answer shows: named, and bound outside any aggregate, in order of
    /// first appearance.
    pub shown: Vec<u32>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Ask {
    Query(Query),
    /// `? why atom` with a ground atom.
    Why(Atom),
    Expect {
        negated: bool,
        query: Query,
    },
}

/// A state named by a change: a known state, or the hub of the base world.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Hub(Span),
    Name(Sym, Span),
}

#[derive(Clone, Debug)]
pub enum Change {
    Remove(Target),
    Leaves {
        target: Target,
        group: Sym,
    },
    Joins {
        target: Target,
        group: Sym,
    },
    Cancelled {
        a: Target,
        b: Target,
    },
    /// Facts stated by an added declaration, and the existing facts it replaces (a declaration
    /// between the same parties as an existing one replaces it).
    Add {
        facts: Vec<Fact>,
        replaces: Vec<Pattern>,
    },
    /// `set X key: value`: replaces `key(X, _)` (or adds/removes `key(X)` for a boolean).
    Set {
        target: Target,
        rel: RelId,
        value: Option<Const>,
    },
    /// `as of 1914`: the scenario's world is the world of that year.
    AsOf(i32),
}

/// Selects facts of one relation: `Some` arguments must be equal, `None` ones match anything.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    pub rel: RelId,
    pub args: Vec<Option<Const>>,
}

impl Pattern {
    pub fn matches(&self, fact: &Fact) -> bool {
        fact.rel == self.rel
            && fact.args.len() == self.args.len()
            && fact
                .args
                .iter()
                .zip(&self.args)
                .all(|(a, p)| p.is_none_or(|p| p == *a))
    }
}

#[derive(Clone, Debug)]
pub struct Scenario {
    /// `None` for an unnamed `if ... then`.
    pub name: Option<Sym>,
    pub title: Option<Sym>,
    pub changes: Vec<(Change, Span)>,
    pub asks: Vec<(Ask, Span)>,
    pub span: Span,
}

/// What a state was declared with, for reports.
#[derive(Clone, Debug)]
pub struct StateInfo {
    pub display: Option<Sym>,
    pub span: Span,
}

/// The `{ name: "ANZUS", signed: 1951 }` of a treaty (two parties) or a pact (its name).
pub type Metadata = (Vec<Sym>, Vec<(Sym, Const)>);

/// A group of relations evaluated together: every relation it negates or aggregates over
/// lies in an earlier stratum.
#[derive(Clone, Debug, Default)]
pub struct Stratum {
    pub relations: Vec<RelId>,
    pub rules: Vec<usize>,
    /// The builtins (indices into [`Program::builtins`]) whose outputs this stratum holds:
    /// they run first, once the strata before have finished their inputs.
    pub builtins: Vec<usize>,
}

/// A relation the engine computes with code rather than rules, registered by the layer above
/// it (as egglog registers primitives): the engine knows only that `compute` reads the
/// finished `inputs` and gives the tuples of each of the `outputs`, in that order.
#[derive(Clone, Debug)]
pub struct Builtin {
    pub inputs: Vec<RelId>,
    pub outputs: Vec<RelId>,
    pub compute: crate::eval::Compute,
}

/// A fully checked program, ready to evaluate.
#[derive(Clone, Debug, Default)]
pub struct Program {
    pub relations: Vec<Relation>,
    pub relation_ids: IndexMap<Sym, RelId>,
    pub facts: Vec<Fact>,
    pub rules: Vec<Rule>,
    pub strata: Vec<Stratum>,
    /// The relations computed by code; the checker registers them from the theory.
    pub builtins: Vec<Builtin>,
    pub asks: Vec<(Ask, Span)>,
    pub scenarios: Vec<Scenario>,
    pub states: IndexMap<Sym, StateInfo>,
    /// Metadata of treaties and pacts (`name: "ANZUS"`), by the parties' names.
    pub metadata: Vec<Metadata>,
    /// Whether the standard theory is included.
    pub prelude: bool,
    /// Display names of states that only scenarios add (`add state Ukraine "Ukraine"`): such
    /// a state is not part of the base world, but is still shown by its display name. If two
    /// scenarios add one name with different display names, the first is kept.
    pub added_displays: IndexMap<Sym, Sym>,
    /// The relations of the standard theory in this program, resolved once after checking.
    pub theory: crate::theory::Theory,
    /// The year the world is read as of: the main file's `as of`, or `--as-of`. `None`
    /// reads it as it stands today.
    pub as_of: Option<i32>,
    /// The table of the names this program was checked with, if it was checked inside one
    /// (a session's): kept so the names live as long as the program (see [`crate::interner`]).
    pub interner: Option<crate::interner::Interner>,
}

impl Program {
    /// The first and last years the dates of the facts mention, if any has a date.
    pub fn years_mentioned(&self) -> Option<(i32, i32)> {
        let years = self
            .facts
            .iter()
            .flat_map(|f| [f.years.from, f.years.until])
            .flatten();
        years.fold(None, |acc, y| match acc {
            None => Some((y, y)),
            Some((lo, hi)) => Some((lo.min(y), hi.max(y))),
        })
    }

    /// The base facts in force as of `year` (see [`Years::holds`]): what evaluation starts
    /// from, so an old year costs no more than a small world.
    pub fn facts_as_of(&self, year: Option<i32>) -> Vec<&Fact> {
        // References, not copies: the evaluator only reads the facts, and copying every
        // fact's arguments cost a dated world a few per cent of its evaluation.
        self.facts.iter().filter(|f| f.years.holds(year)).collect()
    }

    /// The base facts of the world this program describes, as of its year.
    pub fn world_facts(&self) -> Vec<&Fact> {
        self.facts_as_of(self.as_of)
    }

    pub fn relation(&self, name: &str) -> Option<RelId> {
        self.relation_ids.get(&Sym::find(name)?).copied()
    }

    pub fn rel(&self, id: RelId) -> &Relation {
        &self.relations[id.0 as usize]
    }

    /// How a name is shown to a reader: a state's display name if it has one, else the name.
    pub fn display(&self, name: Sym) -> Sym {
        self.states
            .get(&name)
            .and_then(|i| i.display)
            .or_else(|| self.added_displays.get(&name).copied())
            .unwrap_or(name)
    }
}
