//! The standard theory as the layers above the engine see it: the relations that declarations
//! state, that the engine computes (`hub`, `spoke`) and that the prelude derives, each with its
//! arity, resolved once per checked program into ids.
//!
//! This is the one place in Rust that spells a relation's name (the prelude file is the other):
//! the checker registers the base relations from [`RELATIONS`], and the report, explanations,
//! pictures, scenarios and the REPL read conclusions through [`Theory`], never by name. A
//! prelude that no longer derives a relation listed here is an internal error ([`missing`]),
//! not a report section that silently comes out empty.

use crate::diag::{Code, Diag};
use crate::program::{Builtin, Program, RelId};

/// Who provides a relation's facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Declarations and attributes state it (`treaty`, `gdp`): every world has it.
    Base,
    /// The engine computes it from `allied` (`hub`, `spoke`).
    Builtin,
    /// The prelude defines it: present exactly when the standard theory is included.
    Prelude,
}

/// One relation of the theory: its name, arity and source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub name: &'static str,
    pub arity: usize,
    pub source: Source,
}

/// Declares the theory once: a constant per name in [`rels`], a row per relation in
/// [`RELATIONS`] (in the order the checker registers the base ones, which fixes their ids),
/// and a field per relation in [`Theory`].
macro_rules! theory {
    ($( $(#[$doc:meta])* $field:ident $konst:ident = $name:literal / $arity:literal $source:ident; )*) => {
        /// The name of every relation of the theory, for the places that need a name before
        /// a program exists (the checker's tables, keyword-like hints).
        pub mod rels {
            $( $(#[$doc])* pub const $konst: &str = $name; )*
        }

        /// Every relation of the theory, base ones first in the order they are registered.
        pub const RELATIONS: &[Spec] = &[
            $( Spec { name: $name, arity: $arity, source: Source::$source }, )*
        ];

        /// The relations of the theory in one checked program; `None` where the program has
        /// no such relation (all the prelude's ones under `no prelude`).
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct Theory {
            $( $(#[$doc])* pub $field: Option<RelId>, )*
        }

        impl Theory {
            fn from_lookup(find: impl Fn(&Spec) -> Option<RelId>) -> Theory {
                let mut specs = RELATIONS.iter();
                Theory { $( $field: specs.next().and_then(&find), )* }
            }

            /// Every relation of the theory with its id here, in the order of [`RELATIONS`].
            pub fn all(&self) -> Vec<(&'static Spec, Option<RelId>)> {
                RELATIONS.iter().zip([$( self.$field, )*]).collect()
            }
        }
    };
}

theory! {
    /// `state(x)`: x is a declared state.
    state STATE = "state" / 1 Base;
    /// `treaty(a, b, direction, obligation)`.
    treaty TREATY = "treaty" / 4 Base;
    /// `pact(p, obligation)`.
    pact PACT = "pact" / 2 Base;
    /// `member(x, g)`: x belongs to the pact, group or bloc g.
    member MEMBER = "member" / 2 Base;
    /// `group(g, kind)`: a cooperation group and one of its kinds.
    group GROUP = "group" / 2 Base;
    /// `bloc(b)`: a named set of states.
    bloc BLOC = "bloc" / 1 Base;
    /// `partner(a, b)`: a supports b without a duty to defend it.
    partner PARTNER = "partner" / 2 Base;
    /// `threatens(t, x)`: stated, or reaching x through a pact, group or bloc.
    threatens THREATENS = "threatens" / 2 Base;
    /// `threatens_all(t, g)`: a threat against every member of g.
    threatens_all THREATENS_ALL = "threatens_all" / 2 Base;
    /// `troops(a, x, n)`: a keeps n troops in x.
    troops TROOPS = "troops" / 3 Base;
    /// `gdp(x, g)`, in dollars.
    gdp GDP = "gdp" / 2 Base;
    /// `nuclear(x)`: x has nuclear weapons.
    nuclear NUCLEAR = "nuclear" / 1 Base;
    /// `spending(x, s)`: defence spending in percent of GDP.
    spending SPENDING = "spending" / 2 Base;
    /// `spending_target(x, s)`: the target for that spending.
    spending_target SPENDING_TARGET = "spending_target" / 2 Base;
    /// `region(x, r)`.
    region REGION = "region" / 2 Base;
    /// `forces(x, n)`: active military personnel.
    forces FORCES = "forces" / 2 Base;
    /// `treaty_against(a, b, obligation, t)`: the treaty's duty applies only against t (and
    /// any others listed).
    treaty_against TREATY_AGAINST = "treaty_against" / 4 Base;
    /// `treaty_in(a, b, obligation, r)`: only for a defended state in region r (or another listed).
    treaty_in TREATY_IN = "treaty_in" / 4 Base;
    /// `treaty_unless_provoked(a, b, obligation)`: not against a provoked threat.
    treaty_unless_provoked TREATY_UNLESS_PROVOKED = "treaty_unless_provoked" / 3 Base;
    /// `treaty_secret(a, b, obligation)`: the treaty was not public.
    treaty_secret TREATY_SECRET = "treaty_secret" / 3 Base;
    /// `pact_against(p, t)`: the pact's duty applies only against t (and any others listed).
    pact_against PACT_AGAINST = "pact_against" / 2 Base;
    /// `pact_in(p, r)`: only for a member in region r (or another listed).
    pact_in PACT_IN = "pact_in" / 2 Base;
    /// `pact_unless_provoked(p)`: not against a provoked threat.
    pact_unless_provoked PACT_UNLESS_PROVOKED = "pact_unless_provoked" / 1 Base;
    /// `pact_secret(p)`: the pact was not public.
    pact_secret PACT_SECRET = "pact_secret" / 1 Base;
    /// `provoked(t, x)`: x provoked t's threat (`threat T against X provoked`).
    provoked PROVOKED = "provoked" / 2 Base;
    /// `provoked_all(t, g)`: a provoked threat against every member of g.
    provoked_all PROVOKED_ALL = "provoked_all" / 2 Base;
    /// `hub(h)`: the only link between three or more allies.
    hub HUB = "hub" / 1 Builtin;
    /// `spoke(x, h)`: cut off from h's other allies without h.
    spoke SPOKE = "spoke" / 2 Builtin;
    /// `balance_threshold(m)`: the ratio deterrence needs (a parameter: `set` changes it).
    balance_threshold BALANCE_THRESHOLD = "balance_threshold" / 1 Prelude;
    /// `defends(a, b)`: a is obliged to defend b.
    defends DEFENDS = "defends" / 2 Prelude;
    /// `allied(a, b)`: one of them must defend the other; hub and spoke are computed from it.
    allied ALLIED = "allied" / 2 Prelude;
    /// `supports(a, b)`: a partner with no duty to defend.
    supports SUPPORTS = "supports" / 2 Prelude;
    /// `cooperates(a, b, kind)`: a and b share a group of that kind.
    cooperates COOPERATES = "cooperates" / 3 Prelude;
    /// `umbrella(a, x)`: nuclear-armed a must defend x.
    umbrella UMBRELLA = "umbrella" / 2 Prelude;
    /// `covered(x)`: some nuclear-armed state must defend x.
    covered COVERED = "covered" / 1 Prelude;
    /// `treaty_duty(a, x, p, q)`: the treaty written `treaty p q` obliges a to defend x.
    treaty_duty TREATY_DUTY = "treaty_duty" / 4 Prelude;
    /// `treaty_void(x, t, p, q)`: the treaty of p and q obliges no one to defend x against t.
    treaty_void TREATY_VOID = "treaty_void" / 4 Prelude;
    /// `pact_void(x, t, p)`: the pact p obliges no one to defend x against t.
    pact_void PACT_VOID = "pact_void" / 3 Prelude;
    /// `treaty_covers_region(x, p, q)`: the treaty of p and q, limited to regions, covers x's.
    treaty_covers_region TREATY_COVERS_REGION = "treaty_covers_region" / 3 Prelude;
    /// `pact_covers_region(x, p)`: the pact p, limited to regions, covers x's.
    pact_covers_region PACT_COVERS_REGION = "pact_covers_region" / 2 Prelude;
    /// `treaty_limited(p, q)`: the defence treaty of p and q has a condition.
    treaty_limited TREATY_LIMITED = "treaty_limited" / 2 Prelude;
    /// `pact_limited(p)`: the pact p has a condition.
    pact_limited PACT_LIMITED = "pact_limited" / 1 Prelude;
    /// `conditional(a, x)`: some duty of a to defend x has a condition.
    conditional CONDITIONAL = "conditional" / 2 Prelude;
    /// `secret_duty(a, x)`: some duty of a to defend x is secret.
    secret_duty SECRET_DUTY = "secret_duty" / 2 Prelude;
    /// `obliged(a, x, t)`: a must defend x against the threat t (the duty's conditions hold).
    obliged OBLIGED = "obliged" / 3 Prelude;
    /// `coalition(a, x, t)`: x itself, or a state openly obliged to defend x against t.
    coalition COALITION = "coalition" / 3 Prelude;
    /// `covered_against(x, t)`: a nuclear-armed member of x's coalition against t.
    covered_against COVERED_AGAINST = "covered_against" / 2 Prelude;
    /// `has_gdp(x)`: a helper of the prelude.
    has_gdp HAS_GDP = "has_gdp" / 1 Prelude;
    /// `gdp_missing(x)`: a helper of the prelude.
    gdp_missing GDP_MISSING = "gdp_missing" / 1 Prelude;
    /// `power_unknown(x, t)`: a GDP in x's coalition against t is missing.
    power_unknown POWER_UNKNOWN = "power_unknown" / 2 Prelude;
    /// `power(x, t, g)`: the summed GDP of x's coalition against t.
    power POWER = "power" / 3 Prelude;
    /// `balance(x, t, r)`: x's power over t's GDP.
    balance BALANCE = "balance" / 3 Prelude;
    /// `nuclear_exposed(x, t)`: a nuclear threat with no answer.
    nuclear_exposed NUCLEAR_EXPOSED = "nuclear_exposed" / 2 Prelude;
    /// `deters(x, t)`: x's coalition deters t (called `deterred` before; the old name warns).
    deters DETERS = "deters" / 2 Prelude;
    /// `exposed(x, t)`: x cannot deter t.
    exposed EXPOSED = "exposed" / 2 Prelude;
    /// `undetermined(x, t)`: a missing GDP leaves the verdict open.
    undetermined UNDETERMINED = "undetermined" / 2 Prelude;
    /// `unguaranteed(x)`: threatened, and nobody must defend it.
    unguaranteed UNGUARANTEED = "unguaranteed" / 1 Prelude;
    /// `bloc_gdp_missing(b)`: a helper of the prelude.
    bloc_gdp_missing BLOC_GDP_MISSING = "bloc_gdp_missing" / 1 Prelude;
    /// `bloc_gdp(b, g)`: a helper of the prelude.
    bloc_gdp BLOC_GDP = "bloc_gdp" / 2 Prelude;
    /// `bloc_balance(b, t, r)`: a bloc's summed GDP over t's.
    bloc_balance BLOC_BALANCE = "bloc_balance" / 3 Prelude;
    /// `tripwire(a, x)`: a defends x and keeps troops there.
    tripwire TRIPWIRE = "tripwire" / 2 Prelude;
    /// `spending_gap(x, g)`: spending below target by g points.
    spending_gap SPENDING_GAP = "spending_gap" / 2 Prelude;
}

/// Old names of relations of the theory, with the new ones: a script that still uses one gets
/// a warning (`alliance::renamed_relation`) and the new relation.
pub const RENAMED: &[(&str, &str)] = &[("deterred", rels::DETERS)];

/// Constant words of the theory that facts carry as arguments (`treaty(US, Japan, one_way,
/// defence)`), compared against by the layers that describe treaties and pacts.
pub mod words {
    /// A treaty that obliges its first party only.
    pub const ONE_WAY: &str = "one_way";
    /// A treaty that obliges both parties.
    pub const MUTUAL: &str = "mutual";
    /// The obligation that creates a duty to defend.
    pub const DEFENCE: &str = "defence";
    /// The verdict word of `deters` in reports ("deterred → exposed").
    pub const DETERRED: &str = "deterred";
}

impl Theory {
    /// The relations of the theory in a program, by name and arity (a relation of the same
    /// name with another arity is not the theory's).
    pub fn resolve(program: &Program) -> Theory {
        Theory::from_lookup(|spec| {
            program
                .relation(spec.name)
                .filter(|r| program.rel(*r).arity == spec.arity)
        })
    }

    /// The relations whose changes a reader cares about most, in the order a scenario's
    /// differences list them.
    pub fn telling(&self) -> [Option<RelId>; 17] {
        [
            self.defends,
            self.umbrella,
            self.covered,
            self.obliged,
            self.deters,
            self.exposed,
            self.undetermined,
            self.unguaranteed,
            self.balance,
            self.bloc_balance,
            self.power,
            self.hub,
            self.spoke,
            self.allied,
            self.supports,
            self.tripwire,
            self.cooperates,
        ]
    }

    /// The prelude's helper relations: derived, but not conclusions a reader asks about.
    pub fn helpers(&self) -> [Option<RelId>; 6] {
        [
            self.has_gdp,
            self.gdp_missing,
            self.power_unknown,
            self.nuclear_exposed,
            self.bloc_gdp_missing,
            self.bloc_gdp,
        ]
    }

    /// The arguments of a base fact that are its parties: all of them, but for the state a
    /// duty is limited to (the last of `treaty_against` and `pact_against`), which is a
    /// condition. A state's years bound a fact it is a party to, and removing a state removes
    /// such facts, but a duty `against France` stays a duty limited to France.
    pub fn parties<'f>(&self, fact: &'f crate::program::Fact) -> &'f [crate::program::Const] {
        let condition = [self.treaty_against, self.pact_against].contains(&Some(fact.rel));
        match fact.args.split_last() {
            Some((_, rest)) if condition => rest,
            _ => &fact.args,
        }
    }

    /// The three verdicts on a threatened state, with the word each is reported as.
    pub fn verdicts(&self) -> [(Option<RelId>, &'static str); 3] {
        [
            (self.exposed, rels::EXPOSED),
            (self.deters, words::DETERRED),
            (self.undetermined, rels::UNDETERMINED),
        ]
    }
}

/// The base relations every world has, with their arities, in the order they are registered.
pub fn base() -> impl Iterator<Item = &'static Spec> {
    RELATIONS.iter().filter(|s| s.source == Source::Base)
}

/// The relations the engine computes, with their arities.
pub fn builtins() -> impl Iterator<Item = &'static Spec> {
    RELATIONS.iter().filter(|s| s.source == Source::Builtin)
}

/// The relations the engine computes with code, as it should run them: `hub` and `spoke`
/// from a finished `allied` ([`crate::roles`]). None when the program has no `allied` (under
/// `no prelude`, unless the script defines it): `hub` and `spoke` then stay empty.
pub fn computed(program: &Program) -> Vec<Builtin> {
    let rel = |spec: &str, arity: usize| {
        program
            .relation(spec)
            .filter(|r| program.rel(*r).arity == arity)
    };
    match (rel(rels::ALLIED, 2), rel(rels::HUB, 1), rel(rels::SPOKE, 2)) {
        (Some(allied), Some(hub), Some(spoke)) => vec![Builtin {
            inputs: vec![allied],
            outputs: vec![hub, spoke],
            compute: crate::roles::compute,
        }],
        _ => Vec::new(),
    }
}

/// One diagnostic per relation the standard theory should derive and the program's prelude
/// does not (or derives with another arity). Only asked when the prelude is included: a
/// script with `no prelude` simply has no such conclusions.
pub fn missing(program: &Program) -> Vec<Diag> {
    RELATIONS
        .iter()
        .filter(|s| s.source == Source::Prelude)
        .filter(|s| {
            program
                .relation(s.name)
                .is_none_or(|r| program.rel(r).arity != s.arity)
        })
        .map(|s| {
            Diag::error(
                Code::UnknownRelation,
                format!(
                    "the standard theory does not define `{}` with {} {}",
                    s.name,
                    s.arity,
                    if s.arity == 1 { "argument" } else { "arguments" }
                ),
            )
            .help("the report, explanations and pictures read this relation; this is a fault of the interpreter's prelude, not of the script")
        })
        .collect()
}

/// What each argument of a relation of the standard theory names: `S` a state, `P` a pact,
/// `G` a group, `B` a bloc, `C` any of the three collections, `-` anything (a number, a
/// word, a region). The checker warns of a pact given where a state goes (`deters(NATO, t)`),
/// which matches nothing in silence.
pub fn column_kinds(relation: &str) -> Option<&'static str> {
    Some(match relation {
        rels::STATE | rels::NUCLEAR | rels::COVERED | rels::HAS_GDP | rels::GDP_MISSING => "S",
        rels::UNGUARANTEED | rels::HUB => "S",
        rels::TREATY | rels::TREATY_IN => "SS--",
        rels::TREATY_AGAINST => "SS-S",
        rels::TREATY_UNLESS_PROVOKED | rels::TREATY_SECRET => "SS-",
        rels::PACT | rels::PACT_IN => "P-",
        rels::PACT_AGAINST => "PS",
        rels::PACT_UNLESS_PROVOKED | rels::PACT_SECRET | rels::PACT_LIMITED => "P",
        rels::MEMBER => "SC",
        rels::GROUP => "G-",
        rels::BLOC | rels::BLOC_GDP_MISSING => "B",
        rels::BLOC_GDP => "B-",
        rels::BLOC_BALANCE => "BS-",
        rels::TROOPS | rels::COOPERATES | rels::POWER | rels::BALANCE => "SS-",
        rels::GDP | rels::SPENDING | rels::SPENDING_TARGET | rels::REGION | rels::FORCES => "S-",
        rels::SPENDING_GAP => "S-",
        rels::PARTNER | rels::THREATENS | rels::PROVOKED | rels::SPOKE | rels::DEFENDS => "SS",
        rels::ALLIED | rels::SUPPORTS | rels::UMBRELLA | rels::TREATY_LIMITED => "SS",
        rels::CONDITIONAL | rels::SECRET_DUTY | rels::COVERED_AGAINST => "SS",
        rels::POWER_UNKNOWN => "SS",
        rels::NUCLEAR_EXPOSED | rels::DETERS | rels::EXPOSED | rels::UNDETERMINED => "SS",
        rels::TRIPWIRE | words::DETERRED => "SS",
        rels::OBLIGED | rels::COALITION => "SSS",
        rels::TREATY_DUTY | rels::TREATY_VOID => "SSSS",
        rels::PACT_VOID => "SSP",
        rels::TREATY_COVERS_REGION => "SSS",
        rels::PACT_COVERS_REGION => "SP",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::check::{check_files, check_source, PRELUDE};
    use crate::source::FileId;

    #[test]
    fn the_standard_prelude_defines_every_relation_of_the_theory() {
        let checked = check_source("t.alliance", "state US { gdp: 27T }\n");
        assert!(!checked.has_errors(), "{:?}", checked.diags);
        let theory = checked.program.theory;
        for (spec, found) in theory.all() {
            assert!(found.is_some(), "{} not resolved", spec.name);
        }
    }

    #[test]
    fn a_prelude_that_renames_a_relation_is_an_internal_error() {
        let renamed = PRELUDE.replace("defends(", "must_defend(");
        let (prelude, diags) = crate::syntax::parse_file(&renamed, FileId(0));
        assert!(diags.is_empty(), "{diags:?}");
        let mut diags = Vec::new();
        let program = check_files(&prelude, &[], &mut diags);
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["the standard theory does not define `defends` with 2 arguments"]
        );
        assert!(diags[0].is_error());
        assert_eq!(program.theory.defends, None);
    }

    #[test]
    fn without_the_prelude_its_relations_are_simply_absent() {
        let checked = check_source("t.alliance", "no prelude\nstate US\n");
        assert!(!checked.has_errors(), "{:?}", checked.diags);
        let theory = checked.program.theory;
        assert!(theory.state.is_some() && theory.hub.is_some());
        assert_eq!((theory.defends, theory.exposed), (None, None));
    }
}
