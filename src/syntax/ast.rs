//! The syntax tree: what the user wrote, with a span on every node and nothing resolved yet.
//! Equality ignores spans, so the formatter's round-trip property can compare trees.

use rust_decimal::Decimal;

use crate::source::{Span, Spanned, Sym};

/// An identifier as written: a capitalised name (`Japan`), a lower-case word (`x`,
/// `technology`) or a scenario name.
pub type Ident = Spanned<Sym>;

/// The unit a number was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// `28500`, `0.48`, `1951`.
    Plain,
    /// `27.4T`, `540B`, `12M`: US dollars.
    Money,
    /// `2.5%`: percentage points.
    Percent,
}

/// How a money amount was written, kept so the formatter writes it back the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scale {
    None,
    Trillion,
    Billion,
    Million,
}

/// A number literal. `value` is exact: `27.4T` is 27 400 000 000 000 (dollars), `2.5%` is 2.5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Number {
    pub value: Decimal,
    pub unit: Unit,
    pub scale: Scale,
}

/// A constant value in an attribute, a `fact`, a `set` or a term.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(Number),
    /// `"South Korea"`, unescaped.
    Str(Sym),
    /// `yes`/`no`/`true`/`false`.
    Bool(bool),
    /// `Asia`, `US`.
    Name(Sym),
}

/// One `key: value` pair. A dated value (`spending: 1.8% @2016 2.5% @2024`) is read as one
/// `Attr` per value, each with its year in `at` and the same key; the formatter writes them
/// back as one pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Attr {
    pub key: Ident,
    pub value: Spanned<Value>,
    pub at: Option<Spanned<i32>>,
}

/// `from YEAR` and `until YEAR`: the years a declaration or a member holds, both inclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Dates {
    pub from: Option<Spanned<i32>>,
    pub until: Option<Spanned<i32>>,
}

impl Dates {
    pub fn is_empty(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }
}

/// The condition clauses of a treaty or pact (section 11 of the brief). Each list keeps the
/// span of its whole clause.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conditions {
    /// `against France, Russia`: the duty applies only against these states.
    pub against: Option<Spanned<Vec<Ident>>>,
    /// `in Asia, Oceania`: only when the state to be defended lies in one of these regions.
    pub regions: Option<Spanned<Vec<Ident>>>,
    /// `unless provoked`: not against a threat marked `provoked`.
    pub unless_provoked: Option<Span>,
    /// `secret`: the commitment was not public.
    pub secret: Option<Span>,
}

impl Conditions {
    pub fn is_empty(&self) -> bool {
        self.against.is_none()
            && self.regions.is_none()
            && self.unless_provoked.is_none()
            && self.secret.is_none()
    }
}

/// A member of a pact, group or bloc, with the years it belongs (`Greece from 1952`).
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub name: Ident,
    pub dates: Dates,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Mutual,
    OneWay,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Mutual => "mutual",
            Direction::OneWay => "one_way",
        }
    }
}

/// The ATOP obligation type of a treaty or pact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Obligation {
    Defence,
    /// A duty to join an attack; it never creates a duty to defend.
    Offence,
    Consultation,
    Neutrality,
    Nonaggression,
}

impl Obligation {
    pub fn as_str(self) -> &'static str {
        match self {
            Obligation::Defence => "defence",
            Obligation::Offence => "offence",
            Obligation::Consultation => "consultation",
            Obligation::Neutrality => "neutrality",
            Obligation::Nonaggression => "nonaggression",
        }
    }

    pub fn parse(text: &str) -> Option<Obligation> {
        Some(match text {
            "defence" => Obligation::Defence,
            "offence" => Obligation::Offence,
            "consultation" => Obligation::Consultation,
            "neutrality" => Obligation::Neutrality,
            "nonaggression" => Obligation::Nonaggression,
            _ => return None,
        })
    }
}

/// A term in an atom: `x`, `_`, `Japan`, `mutual`, `2%`, `"text"`.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    /// A lower-case word: a variable, or a constant word (`mutual`, `technology`, `yes`);
    /// the checker decides which.
    Word(Sym),
    Anon,
    Name(Sym),
    Number(Number),
    Str(Sym),
}

#[derive(Clone, Debug)]
pub struct Atom {
    pub rel: Ident,
    pub args: Vec<Spanned<Term>>,
    pub span: Span,
}

/// Like every node, an atom compares without its span.
impl PartialEq for Atom {
    fn eq(&self, other: &Self) -> bool {
        self.rel == other.rel && self.args == other.args
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Term(Term),
    Neg(Box<Spanned<Expr>>),
    Bin(BinOp, Box<Spanned<Expr>>, Box<Spanned<Expr>>),
    /// Parentheses are kept so the formatter writes back what the user grouped.
    Paren(Box<Spanned<Expr>>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AggOp {
    Sum,
    Count,
    Min,
    Max,
}

impl AggOp {
    pub fn as_str(self) -> &'static str {
        match self {
            AggOp::Sum => "sum",
            AggOp::Count => "count",
            AggOp::Min => "min",
            AggOp::Max => "max",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Atom(Atom),
    Not(Atom),
    /// `e1 OP e2`; `v = e` with `v` unbound is an assignment, decided by the checker.
    Compare {
        op: Spanned<CmpOp>,
        lhs: Spanned<Expr>,
        rhs: Spanned<Expr>,
    },
    /// `v = sum e : { literals }`.
    Aggregate {
        var: Ident,
        op: Spanned<AggOp>,
        expr: Spanned<Expr>,
        body: Vec<Spanned<Literal>>,
    },
}

/// A state named in a change: a name, or `hub` (the hub of the base world).
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Hub,
    Name(Sym),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// `remove X` (`removed: false`) or `X removed` (`removed: true`).
    Remove {
        target: Spanned<Target>,
        postfix: bool,
    },
    Leaves {
        target: Spanned<Target>,
        group: Ident,
    },
    Joins {
        target: Spanned<Target>,
        group: Ident,
    },
    Cancelled {
        a: Spanned<Target>,
        b: Spanned<Target>,
    },
    Add(Box<Spanned<Stmt>>),
    Set {
        target: Spanned<Target>,
        key: Ident,
        value: Spanned<Value>,
    },
    /// `set balance_threshold = 0.8` inside a scenario: a setting for that world only.
    SetParam {
        name: Ident,
        value: Spanned<Value>,
    },
    /// `as of 1914`: the scenario's world is the world of that year.
    AsOf(Spanned<i32>),
}

/// A query or expectation, at the top level or in a scenario body.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    /// `? literals`
    Query(Vec<Spanned<Literal>>),
    /// `? why atom`
    Why(Atom),
    /// `expect [not] literals`
    Expect {
        negated: bool,
        literals: Vec<Spanned<Literal>>,
    },
}

/// How a scenario's body was written: `then ? q` or `then { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub braced: bool,
    pub asks: Vec<Spanned<Ask>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    NoPrelude,
    State {
        name: Ident,
        display: Option<Spanned<Sym>>,
        dates: Dates,
        attrs: Option<Vec<Attr>>,
    },
    Treaty {
        a: Ident,
        b: Ident,
        direction: Spanned<Direction>,
        obligation: Option<Spanned<Obligation>>,
        conditions: Conditions,
        dates: Dates,
        attrs: Option<Vec<Attr>>,
    },
    Pact {
        name: Ident,
        obligation: Option<Spanned<Obligation>>,
        conditions: Conditions,
        dates: Dates,
        members: Vec<Member>,
        attrs: Option<Vec<Attr>>,
    },
    Group {
        name: Ident,
        kinds: Vec<Ident>,
        dates: Dates,
        members: Vec<Member>,
    },
    Bloc {
        name: Ident,
        dates: Dates,
        members: Vec<Member>,
    },
    Partner {
        a: Ident,
        b: Ident,
        dates: Dates,
    },
    Threat {
        by: Ident,
        targets: Vec<Ident>,
        /// `provoked`: the targets provoked this threat.
        provoked: Option<Span>,
        dates: Dates,
    },
    Troops {
        a: Ident,
        b: Ident,
        count: Spanned<Number>,
        dates: Dates,
    },
    Fact(Atom),
    Import(Spanned<Sym>),
    Rule {
        head: Atom,
        body: Vec<Spanned<Literal>>,
    },
    Ask(Ask),
    /// `set balance_threshold = 0.8`
    SetParam {
        name: Ident,
        value: Spanned<Value>,
    },
    /// `as of 1962`: the file is evaluated as the world stood that year.
    AsOf(Spanned<i32>),
    Scenario {
        name: Ident,
        title: Option<Spanned<Sym>>,
        changes: Vec<Spanned<Change>>,
        body: Option<Body>,
    },
    If {
        changes: Vec<Spanned<Change>>,
        body: Body,
    },
}

/// One parsed file: its statements in order, each with the span of its whole text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct File {
    pub stmts: Vec<Spanned<Stmt>>,
}
