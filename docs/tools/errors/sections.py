# Each section: code, meaning (markdown), examples: list of dicts with
#   files {path: text or bytes}, run (path to check), intro (text before, optional), note (after output)
# fix: text, fixfiles {path: text}, fixrun
S = []

def sec(code, meaning, examples, fix, fixfiles, fixrun="script.alliance", fixshow=None, runtime=False):
    S.append(dict(code=code, meaning=meaning, examples=examples, fix=fix, fixfiles=fixfiles, fixrun=fixrun, fixshow=fixshow, runtime=runtime))

def ex(script, intro=None, note=None, files=None, run="script.alliance", show=None):
    return dict(files=files or {"script.alliance": script}, run=run, intro=intro, note=note, show=show)

BASE = "state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\ntreaty US Japan one_way\n"

# ---------------------------------------------------------------- syntax and slips
sec("syntax",
"""The line does not follow the grammar of the language. The message says what `alliance` expected
to find at the underlined place (in words, such as "an attribute (`key: value`)") and what it found
instead. This is the most common error, and the underline is usually at or just after the mistake.""",
[ex("state US { gdp: 27.4T }\nstate Japan { gdp 4.2T }\ntreaty US Japan one_way\n",
    intro="Here the colon between an attribute and its value is missing:"),
 ex(BASE + "? defends (x, Japan)\n",
    intro="A relation name must touch its opening bracket. With a space, `alliance` cannot tell that "
          "`defends` is a relation:"),
 ex("state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T\ntreaty US Japan one_way\n",
    intro="When a closing `}` is missing, the error is often reported on the *next* line, because "
          "`alliance` keeps reading the next line as part of the unfinished `{ ... }`. Here `treaty` "
          "was taken for another attribute name, and `US` is where it gave up:",
    note="So if the underlined line looks right, look at the line above it."),
],
"""Add the missing colon, remove the space and close the brace:""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\ntreaty US Japan one_way\n? defends(x, Japan)\n"})

sec("invalid_utf8",
"""The file is not saved as UTF-8, the text encoding `alliance` reads. This usually happens when an
editor saves a file with an accented letter (`ñ`, `é`, `ü`) in an older encoding such as Latin-1 or
Windows-1252. The underline points at the first byte that is not UTF-8; the terminal shows it as `�`.""",
[ex(None, intro="This script looks fine in the editor, but it was saved as Latin-1:",
    files={"script.alliance": 'state Spain "Espa\u00f1a" { gdp: 1.58T }\nstate France { gdp: 3.03T }\ntreaty France Spain mutual\n'.encode("latin-1")},
    show='state Spain "Espa\u00f1a" { gdp: 1.58T }\nstate France { gdp: 3.03T }\ntreaty France Spain mutual\n')],
"""Save the file again with the encoding UTF-8 (most editors offer it under "Save as" or
"Encoding"). The text itself does not change. Remember that names such as `Spain` may use only the
plain letters A to Z, digits and `_`; accents belong in the display name in double quotes:""",
{"script.alliance": 'state Spain "Espa\u00f1a" { gdp: 1.58T }\nstate France { gdp: 3.03T }\ntreaty France Spain mutual\n'})

sec("curly_quotes",
"""A display name is in typographic (curly) quotes, `“...”` or `‘...’`, as word processors and web
pages write them. Strings in `alliance` use the straight double quote `"` only.""",
[ex('state US { gdp: 27.4T }\nstate SouthKorea \u201cSouth Korea\u201d { gdp: 1.7T }\ntreaty US SouthKorea mutual\n')],
"""Type the quotes again with the `"` key (in a word processor, turn off "smart quotes", or copy the
script into a plain text editor):""",
{"script.alliance": 'state US { gdp: 27.4T }\nstate SouthKorea "South Korea" { gdp: 1.7T }\ntreaty US SouthKorea mutual\n'})

sec("thousands_separator",
"""A number is written with a comma between thousands, as in an article (`28,500`). In `alliance` a
comma separates items in a list, so `28,500` would be read as two numbers.""",
[ex('state US { gdp: 27.4T }\nstate SouthKorea "South Korea" { gdp: 1.7T }\ntreaty US SouthKorea mutual\ntroops US in SouthKorea 28,500\n')],
"""Leave the comma out, or use `_` to group the digits (`_` is allowed between digits and ignored):""",
{"script.alliance": 'state US { gdp: 27.4T }\nstate SouthKorea "South Korea" { gdp: 1.7T }\ntreaty US SouthKorea mutual\ntroops US in SouthKorea 28_500\n'})

sec("money_format",
"""An amount of money is written the way a newspaper writes it: with a `$` sign, or with a word or an
abbreviation such as `trn`, `bn` or `tn`, or with a lower-case unit. In `alliance` all money is in US
dollars, written as a number with one capital letter attached: `T` (trillion), `B` (billion) or `M`
(million).""",
[ex("state US { gdp: 27.4T }\nstate Japan { gdp: $4.2trn }\ntreaty US Japan one_way\n",
    note="The same error is given for `$4.2T`, `4.2bn`, `4.2tn`, `540bn` and `4.2t`.")],
"""Drop the `$` and write the unit as one capital letter:""",
{"script.alliance": BASE})

sec("hyphen",
"""A word of the language is written with a hyphen, such as `one-way`. Words made of several parts
are joined with an underscore: `one_way`. The same applies to words you make up yourself, such as
the kind of a group (`intelligence_sharing`, not `intelligence-sharing`).""",
[ex("state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\ntreaty US Japan one-way\n")],
"""Write `one_way`:""",
{"script.alliance": BASE})

sec("name_with_space",
"""A name contains a space, such as `South Korea`. Names are single words, so `alliance` would read
`South Korea` as two names. Give the state a name without a space, and put the name as it should
be displayed in double quotes after it.""",
[ex('state US { gdp: 27.4T }\nstate SouthKorea "South Korea" { gdp: 1.7T }\ntreaty US South Korea mutual\n')],
"""Use the one-word name everywhere except in the display name:""",
{"script.alliance": 'state US { gdp: 27.4T }\nstate SouthKorea "South Korea" { gdp: 1.7T }\ntreaty US SouthKorea mutual\n'})

sec("detached_unit",
"""There is a space between a number and its unit, as in `27.4 T` or `1.2 %`. The unit must touch
the number.""",
[ex("state US { gdp: 27.4 T }\nstate Japan { gdp: 4.2T }\ntreaty US Japan one_way\n")],
"""Remove the space:""",
{"script.alliance": BASE})

# ---------------------------------------------------------------- names and declarations
sec("unknown_name",
"""A name (a word with a capital letter, such as a state, pact, group or bloc) is used but never
declared. Usually it is a typing mistake, and the help line suggests the closest declared name.
Names must match exactly, including capital letters.""",
[ex("state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\ntreaty US Japn one_way\n? defends(US, Japan)\n"),
 ex("state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\ntreaty US Japan one_way\ntreaty US Germany mutual\n",
    intro="When nothing similar is declared, the help line tells you to declare it:")],
"""Correct the spelling, or declare the missing state:""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nstate Germany { gdp: 4.5T }\ntreaty US Japan one_way\ntreaty US Germany mutual\n? defends(US, Japan)\n"})

sec("duplicate_declaration",
"""The same name is declared twice, for example two `state Japan` lines, or a pact and a bloc both
called `NATO`. Both places are underlined. Each name is declared exactly once.""",
[ex("state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nstate Japan { gdp: 4.1T }\ntreaty US Japan one_way\n")],
"""Keep one declaration. To see what a different value would change, keep the original and change
it in a scenario, such as `if set Japan gdp: 4.1T then ...`:""",
{"script.alliance": BASE})

sec("self_treaty",
"""A treaty names the same state twice. A treaty is between two different states.""",
[ex("state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\ntreaty Japan Japan one_way\n? defends(US, Japan)\n")],
"""Check the names; here the first party should be the US:""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\ntreaty US Japan one_way\n? defends(US, Japan)\n"})

sec("too_few_members",
"""A pact or a group lists fewer than two members, or a bloc lists none. A pact of one state obliges
no one to defend anyone; for a single pair of states, a `treaty` is the usual way to write it.""",
[ex("state US { gdp: 27.4T }\nstate Canada { gdp: 2.1T }\ntreaty US Canada mutual\npact NORAD { US }\n",
    note='For an empty bloc (`bloc Targets { }`) the message is "the bloc `Targets` needs at least '
         'one member".')],
"""List all the members:""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Canada { gdp: 2.1T }\ntreaty US Canada mutual\npact NORAD { US, Canada }\n"})

sec("duplicate_member",
"""The same state is listed twice in one pact, group or bloc. Both places are underlined.""",
[ex("state US { gdp: 27.4T }\nstate Canada { gdp: 2.1T }\npact NATO { US, Canada, US }\n")],
"""Remove one of the two (often the second was meant to be another state):""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Canada { gdp: 2.1T }\npact NATO { US, Canada }\n"})

sec("wrong_kind",
"""A name is used in a place that needs another kind of thing: a pact where a state is needed, or a
state where a pact, group or bloc is needed. For example, a treaty is between two *states*, only a
state can be the source of a threat, the members of a pact are states, and in a scenario a state
leaves a *pact, group or bloc*. Both the use and the declaration are underlined.""",
[ex("state US { gdp: 27.4T }\nstate Canada { gdp: 2.1T }\nstate UK { gdp: 3.3T }\npact NATO { US, Canada, UK }\ntreaty US NATO mutual\n",
    intro="A treaty with a pact:"),
 ex("state US { gdp: 27.4T }\nstate Canada { gdp: 2.1T }\npact NATO { US, Canada }\nif Canada leaves US then ? defends(US, x)\n",
    intro="A state leaving a state (in a scenario):")],
"""Use a name of the right kind. The US is already a member of NATO, so the treaty line can simply go;
and Canada leaves the pact, not the US:""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Canada { gdp: 2.1T }\nstate UK { gdp: 3.3T }\npact NATO { US, Canada, UK }\nif Canada leaves NATO then ? defends(US, x)\n"})

# ---------------------------------------------------------------- attributes and numbers
sec("attribute_type",
"""An attribute has the wrong type of value. The attributes `alliance` knows are checked: `gdp` is
money (`4.2T`), `nuclear` is `yes` or `no`, `spending` and `spending_target` are percentages (`2%`),
`region` is a name (`Asia`) and `forces` is a plain number. An attribute you make up yourself may
have any type, but it must keep the same type in every state. A number of troops must be a plain
whole count.""",
[ex("state US { gdp: 27.4T, nuclear: 1 }\nstate Japan { gdp: 4.2T, spending: 1.2 }\ntreaty US Japan one_way\n"),
 ex("state US { gdp: 27.4T, founded: 1776 }\nstate Japan { gdp: 4.2T, founded: \"660 BC\" }\ntreaty US Japan one_way\n",
    intro="An attribute of your own that changes type from one state to another:")],
"""Write each value in the type shown in the help line. For an attribute of your own, pick one type
and use it everywhere (here, a plain number; a year before the common era could be a negative
number):""",
{"script.alliance": "state US { gdp: 27.4T, nuclear: yes, founded: 1776 }\nstate Japan { gdp: 4.2T, spending: 1.2%, founded: -660 }\ntreaty US Japan one_way\n"})

sec("duplicate_attribute",
"""The same attribute is given twice for one state. A state has one value per attribute.""",
[ex("state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T, region: Asia, gdp: 4.1T }\ntreaty US Japan one_way\n")],
"""Keep one value. To compare two values, keep one and change it in a scenario
(`if set Japan gdp: 4.1T then ...`):""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T, region: Asia }\ntreaty US Japan one_way\n"})

sec("percentage_range",
"""A percentage is above 100%. Percentages in `alliance` are shares of a whole, such as defence
spending as a share of GDP, so they run from 0% to 100%.""",
[ex("state US { gdp: 27.4T, spending: 3.4% }\nstate Japan { gdp: 4.2T, spending: 120% }\ntreaty US Japan one_way\n")],
"""Check the figure; it was probably meant to be `1.2%`:""",
{"script.alliance": "state US { gdp: 27.4T, spending: 3.4% }\nstate Japan { gdp: 4.2T, spending: 1.2% }\ntreaty US Japan one_way\n"})

sec("number_range",
"""A number is too large for `alliance` to hold exactly (numbers hold up to 28 significant digits).
With real figures this usually means a slip such as writing a GDP in full dollars *and* adding a unit
letter.""",
[ex("state US { gdp: 27400000000000000000T }\nstate Japan { gdp: 4.2T }\ntreaty US Japan one_way\n")],
"""Write money with its unit letter and a short number:""",
{"script.alliance": BASE})

sec("unit_mismatch",
"""A comparison or a calculation mixes values of different units: money with a percentage, or
money with a plain number. `alliance` keeps track of units so that, for instance, a GDP is never
compared with a spending share by mistake. Both values are underlined and labelled with their units.""",
[ex("state US { gdp: 27.4T, spending: 3.4% }\nstate Japan { gdp: 4.2T, spending: 1.2% }\ntreaty US Japan one_way\n? gdp(x, g), g > 2%\n"),
 ex("state US { gdp: 27.4T, spending: 3.4% }\nstate Japan { gdp: 4.2T, spending: 1.2% }\ntreaty US Japan one_way\nrule budget(x, b) if gdp(x, g), spending(x, s), b = g + s\n",
    intro="Adding a percentage to money:")],
"""Compare like with like (money with money, such as `2T`). To take a percentage *of* an amount of
money, multiply: `g * s` is the defence budget, in money:""",
{"script.alliance": "state US { gdp: 27.4T, spending: 3.4% }\nstate Japan { gdp: 4.2T, spending: 1.2% }\ntreaty US Japan one_way\n? gdp(x, g), g > 2T\nrule budget(x, b) if gdp(x, g), spending(x, s), b = g * s\n"})

# ---------------------------------------------------------------- rules and queries
sec("unknown_relation",
"""A question, rule or expectation uses a relation (a lower-case word followed by `(`) that nothing
defines. Relations come from declarations (`state`, `treaty`, ...), from attributes (`gdp`,
`spending`, ...), from `fact` lines, from your own rules, and from the standard theory
(`alliance prelude` prints it). Often it is a near miss, and the help line suggests the right one.""",
[ex(BASE + "? defend(x, Japan)\n"),
 ex(BASE + "? protects(x, Japan)\n", intro="When nothing is close, the help line says where relations come from:")],
"""Use the relation's exact name (`defends`, with an `s`), or define your own with a rule:""",
{"script.alliance": BASE + "rule protects(a, b) if defends(a, b)\n? defends(x, Japan)\n? protects(x, Japan)\n"})

sec("wrong_arity",
"""A relation is used with the wrong number of values in its brackets (its *arity*). `defends(a, b)`
always takes two: who defends, and whom. For a relation of your own, the number is set by the
`fact` or rule that defines it, and both places are underlined.""",
[ex(BASE + "? defends(Japan)\n"),
 ex(BASE + "fact rival(Japan, US)\n? rival(Japan)\n", intro="A relation of your own:")],
"""Give every value. To ask "who defends Japan?", put a variable in the first place:""",
{"script.alliance": BASE + "fact rival(Japan, US)\n? defends(x, Japan)\n? rival(Japan, x)\n"})

sec("keyword_as_variable",
"""A word of the language (a *keyword* such as `state`, `threat`, `treaty`, `pact`) is used where a
variable is expected. Variables are lower-case words that stand for "anything", but keywords are
reserved.""",
[ex(BASE + "? defends(state, Japan)\n")],
"""Choose another variable name:""",
{"script.alliance": BASE + "? defends(x, Japan)\n"})

sec("unsafe_variable",
"""A variable in a rule or question has no values to take. A variable used in the conclusion of a
rule, after `not`, or in a comparison must also appear in an ordinary condition (such as
`state(x)` or `gdp(x, g)`), in an assignment `x = ...` or as the result of an aggregate, anywhere
in the body: the order of the conditions does not matter. `alliance` needs such a variable to
range over things it knows (the "safety" rule); otherwise a rule such as "x is lonely if nobody
defends x" would hold for every possible x, including things that are not states at all.""",
[ex(BASE + "rule lonely(x) if not defends(_, x)\n? lonely(x)\n"),
 ex(BASE + "rule rich(x) if g > 1T, gdp(y, g)\n? rich(x)\n",
    intro="A misspelt variable is the usual cause: here `gdp(y, g)` gives `y` a value, not `x`:"),
 ex(BASE + "rule partners(x, n) if n = count y : { defends(x, y) }\n? partners(x, n)\n",
    intro="A variable inside an aggregate's braces that the rest of the rule also names (here the "
          "conclusion) takes its value from outside the braces, to pick the group counted:")],
"""Add a condition that gives the variable its values, such as `state(x)`, anywhere in the body;
or correct the misspelt variable:""",
{"script.alliance": BASE + "rule lonely(x) if state(x), not defends(_, x)\n? lonely(x)\nrule rich(x) if g > 1T, gdp(x, g)\n? rich(x)\nrule partners(x, n) if state(x), n = count y : { defends(x, y) }\n? partners(x, n)\n"})

sec("lone_negated_variable",
"""A variable is named only once in a rule or question, and that once is under `not`. Such a
variable stands for no value in particular, so `not defends(y, x)` would mean "nobody defends
x", which `_` says plainly: `not defends(_, x)`. Usually `_` was meant, or the variable is a
misspelling of one used elsewhere in the rule. (A variable named twice or more inside one negated
atom, and nowhere else, is fine: `not defends(p, p)` means "no state defends itself".)""",
[ex(BASE + "rule lonely(x) if state(x), not defends(y, x)\n? lonely(x)\n")],
"""Write `_` for "any value":""",
{"script.alliance": BASE + "rule lonely(x) if state(x), not defends(_, x)\n? lonely(x)\n"})

sec("not_constant",
"""A `fact` (or a `rule` without `if`, which is the same thing) contains a variable or `_`. A fact
states something about particular things, so it takes only constants: names (`Japan`), numbers and
strings. To say something about every x, write a rule with conditions.""",
[ex("state US { gdp: 27.4T }\nstate China { gdp: 17.8T }\ntreaty US China mutual consultation\nfact rival(x, US)\n")],
"""Name the constant, or write a rule that says which x are meant:""",
{"script.alliance": "state US { gdp: 27.4T }\nstate China { gdp: 17.8T }\ntreaty US China mutual consultation\nfact rival(China, US)\n"})

sec("unstratifiable",
"""Rules go round in a circle through `not` (or through `sum`, `count`, `min`, `max`): a relation
ends up depending on its own absence. `alliance` works out a relation completely before it uses
`not` on it; in a circle like this there is no order in which that is possible (the technical word
is that the program is not *stratified*). The help line names the relations in the circle.""",
[ex(BASE + "rule safe(x) if state(x), not unsafe(x)\nrule unsafe(x) if state(x), not safe(x)\n")],
"""Break the circle: define one of the relations from other facts, without `not` on the other:""",
{"script.alliance": BASE + "rule safe(x) if defends(_, x)\nrule unsafe(x) if state(x), not safe(x)\n"})

sec("builtin_relation",
"""A `fact` or `rule` tries to state `hub` or `spoke`. These two are worked out by `alliance` itself
from the network of alliances (a hub is a state that holds the network together), so a script cannot
state or redefine them. It can use them in conditions and questions.""",
[ex(BASE + "fact hub(US)\n")],
"""Ask about hubs instead of stating one; or, for your own idea of a hub, use a new name:""",
{"script.alliance": BASE + "rule patron(x) if defends(x, _)\n? hub(h)\n? patron(x)\n"})

sec("not_ground",
"""`? why` explains one particular fact, so every value in it must be given; it cannot contain a
variable.""",
[ex(BASE + "? why defends(x, Japan)\n")],
"""Find the answers first with an ordinary question, then ask why about one of them:""",
{"script.alliance": BASE + "? defends(x, Japan)\n? why defends(US, Japan)\n"})

sec("too_deep",
"""An expression is nested more than 256 levels deep (brackets inside brackets inside brackets ...).
Nobody writes this by hand; it can happen with a script produced by another program.""",
[ex(BASE + "? x =\n" + "\n".join(["(" * 52] * 5) + "\n1\n" + "\n".join([")" * 52] * 5) + "\n")],
"""Remove the extra brackets, or split the calculation into steps with `v = ...`:""",
{"script.alliance": BASE + "? x = 1\n"})

sec("unknown_parameter",
"""A `set` line names a setting that does not exist. Settings adjust the standard theory; at present
there is one, `balance_threshold` (the ratio of power to threat below which a state counts as
exposed; 1 unless set).""",
[ex(BASE + "set balance_treshold = 0.8\n")],
"""Correct the spelling:""",
{"script.alliance": BASE + "set balance_threshold = 0.8\n"})

sec("misplaced_no_prelude",
"""`no prelude` (which switches off the standard theory, so that only your own rules apply) comes
after another statement. It must be the first statement of the file you check or run; only comments
may come before it.""",
[ex("# A world without the standard theory\nstate US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nno prelude\ntreaty US Japan one_way\n")],
"""Move it to the top:""",
{"script.alliance": "# A world without the standard theory\nno prelude\nstate US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\ntreaty US Japan one_way\n"})

# ---------------------------------------------------------------- imports
sec("file_unreadable",
"""The file named on the command line cannot be read: there is no file of that name in that folder
(often it is in a subfolder, or the name is misspelled), or the name is that of a folder. A path on
the command line is taken from the folder the command is run in. There is no script line to
underline, so the report is short.""",
[ex(None, intro="In a course folder where the lesson is `lessons/week1.alliance`, running `alliance check week1.alliance` prints:",
    files={"lessons/week1.alliance": "# lessons/week1.alliance\nstate US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\ntreaty US Japan one_way\n"}, run="week1.alliance", show="none")],
"""Give the path from the folder you are in (or move into the file's folder first, with `cd lessons`):

```text
alliance check lessons/week1.alliance
```

which now prints `lessons/week1.alliance: ok`.""",
{"lessons/week1.alliance": "# lessons/week1.alliance\nstate US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\ntreaty US Japan one_way\n"}, fixrun="lessons/week1.alliance", fixshow=[])

sec("import_unreadable",
"""An `import` names a file that cannot be read, usually because the path is wrong. The path is
taken relative to the folder of the file that contains the `import`, not the folder you run
`alliance` from; the help line shows where `alliance` looked.""",
[ex(None,
    intro="Suppose `asia.alliance` sits in a course folder, and a lesson in its `lessons` subfolder imports it. "
          "Here are the two files, and what `alliance check lessons/week1.alliance` prints when run from the course folder:",
    files={"asia.alliance": "# asia.alliance\nstate US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\n",
           "lessons/week1.alliance": "# lessons/week1.alliance\nimport \"asia.alliance\"\ntreaty US Japan one_way\n"},
    run="lessons/week1.alliance", show=False,
    note="The two `unknown_name` errors follow from the first: `US` and `Japan` are declared in the "
         "file that could not be read.")],
"""Give the path from the importing file's folder; `..` means "the folder above":""",
{"lessons/week1.alliance": "# lessons/week1.alliance\nimport \"../asia.alliance\"\ntreaty US Japan one_way\n",
 "asia.alliance": "# asia.alliance\nstate US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\n"},
fixrun="lessons/week1.alliance", fixshow=["lessons/week1.alliance"])

sec("import_cycle",
"""Files import each other in a circle (or a file imports itself), so reading them would never
end. The help line shows the whole chain.""",
[ex(None,
    intro="Two files that import each other, and what `alliance check europe.alliance` prints:",
    files={"americas.alliance": "# americas.alliance\nimport \"europe.alliance\"\nstate US { gdp: 27.4T }\nstate Canada { gdp: 2.1T }\n",
           "europe.alliance": "# europe.alliance\nimport \"americas.alliance\"\nstate France { gdp: 3.0T }\npact NATO { US, Canada, France }\n"},
    run="europe.alliance", show=False),
 ex("import \"script.alliance\"\n" + BASE, intro="A file that imports itself:")],
"""Remove one import of the circle. Here `americas.alliance` does not need anything from
`europe.alliance`, so its import goes:""",
{"americas.alliance": "# americas.alliance\nstate US { gdp: 27.4T }\nstate Canada { gdp: 2.1T }\n",
 "europe.alliance": "# europe.alliance\nimport \"americas.alliance\"\nstate France { gdp: 3.0T }\npact NATO { US, Canada, France }\n"},
fixrun="europe.alliance", fixshow=["americas.alliance"])

# ---------------------------------------------------------------- scenarios
sec("pointless_change",
"""A change in a scenario would change nothing: a state leaves a pact it is not in, joins a pact it
is already in, or a treaty that does not exist is cancelled. This is almost always a mistake in
the names, so `alliance` reports it rather than quietly comparing a world with itself.""",
[ex("state US { gdp: 27.4T }\nstate Canada { gdp: 2.1T }\nstate Japan { gdp: 4.2T }\npact NATO { US, Canada }\ntreaty US Japan one_way\nif Japan leaves NATO then ? defends(x, Japan)\n",
    note='The other two forms read "`US` is already a member of `NATO`" (for `if US joins NATO ...`) '
         'and "there is no treaty between `Canada` and `Japan` to cancel" (for '
         '`if treaty Canada Japan cancelled ...`).')],
"""Make the change one that does something. Here the question was what would happen if Japan
*joined* NATO:""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Canada { gdp: 2.1T }\nstate Japan { gdp: 4.2T }\npact NATO { US, Canada }\ntreaty US Japan one_way\nif Japan joins NATO then ? defends(x, Japan)\n"})


sec("no_hub",
"""A scenario uses `hub` (as in `if hub removed then ...`), but the world has no hub, or has several
with the same number of spokes, so it is not clear which state `hub` means. A hub is a state whose
allies are connected only through it, with at least three allies. This is found when the script is
run.""",
[ex(BASE + "if hub removed then ? defends(x, Japan)\n")],
"""Name the state you mean instead of `hub`:""",
{"script.alliance": BASE + "if US removed then ? defends(x, Japan)\n"}, runtime="run")

# ---------------------------------------------------------------- found while running
sec("expectation_failed",
"""An `expect` line does not hold: `expect` says that a question should have an answer, and it has
none (or, with `expect not`, it should have none, and it has one). This is how a script checks its
own conclusions, so a failed expectation means either the world is described differently from what
you thought, or the expectation is wrong. The help line explains why the expectation does not hold,
rule by rule. Expectations are checked by `alliance test` (and `alliance run`), not by `alliance
check`.""",
[ex(BASE + "expect defends(Japan, US)\n",
    intro="A one-way treaty obliges only the first state, so Japan need not defend the US:")],
"""If the world is described correctly, correct the expectation, as here; if the expectation is
right, correct the world (a `mutual` treaty would make the original expectation hold):""",
{"script.alliance": BASE + "expect defends(US, Japan)\nexpect not defends(Japan, US)\n"}, runtime="test")

sec("division_by_zero",
"""A calculation divides by zero for some of the facts it ranges over, for instance a ratio
computed for every state when one state's figure is 0. This is found when the script is run.""",
[ex("state US { gdp: 27.4T, forces: 1300000 }\nstate Iceland { gdp: 31B, forces: 0 }\npact NATO { US, Iceland }\nrule per_soldier(x, r) if gdp(x, g), forces(x, f), r = g / f\n? per_soldier(x, r)\n",
    intro="Iceland has no armed forces, so GDP per soldier cannot be computed for it:")],
"""Check the figures; if a zero is right, skip those cases with a condition before dividing:""",
{"script.alliance": "state US { gdp: 27.4T, forces: 1300000 }\nstate Iceland { gdp: 31B, forces: 0 }\npact NATO { US, Iceland }\nrule per_soldier(x, r) if gdp(x, g), forces(x, f), f > 0, r = g / f\n? per_soldier(x, r)\n"}, runtime="run")

sec("fact_limit",
"""A rule keeps producing new facts without end, so `alliance` stopped after ten million of them.
This happens when a rule computes a new number from its own results: here, counting the steps
from one ally to another along a chain of alliances. Because alliances run both ways, the chain
can go round forever, and every round gives a new, larger count. The underlined rule is the one
that kept going. This is found when the script is run.""",
[ex("state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nstate Australia { gdp: 1.7T }\ntreaty US Japan mutual\ntreaty US Australia mutual\nrule steps(a, b, n) if allied(a, b), n = 1\nrule steps(a, b, n) if allied(a, c), steps(c, b, m), n = m + 1\n? steps(Japan, Australia, n)\n")],
"""Ask the question without the growing number. Whether two states are linked by a chain of
alliances needs no count, and it ends, because there are only so many pairs of states:""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nstate Australia { gdp: 1.7T }\ntreaty US Japan mutual\ntreaty US Australia mutual\nrule linked(a, b) if allied(a, b)\nrule linked(a, b) if allied(a, c), linked(c, b)\n? linked(Japan, Australia)\n"}, runtime="run")

# ---------------------------------------------------------------- warnings
sec("unused_state",
"""*Warning.* A state is declared but nothing else in the script mentions it: no treaty, pact, group,
bloc, partner, threat, troops, fact, rule, question or scenario. It plays no part in any conclusion. Often it is a
leftover, or the line that should use it has a mistake.""",
[ex("state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nstate Mongolia { gdp: 19B }\ntreaty US Japan one_way\n")],
"""Add the commitments or threats that involve it, or delete the declaration:""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nstate Mongolia { gdp: 19B }\ntreaty US Japan one_way\npartner US Mongolia\n"})

sec("empty_threat",
"""*Warning.* A `threat` line lists no one after `against`, so it threatens no one.""",
[ex("state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nstate China { gdp: 17.8T }\ntreaty US Japan one_way\nthreat China against\n")],
"""List the threatened states, pacts or blocs:""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nstate China { gdp: 17.8T }\ntreaty US Japan one_way\nthreat China against Japan\n"})

sec("missing_gdp",
"""*Warning.* A threatened state, or a state that threatens others, has no `gdp`. The standard theory
weighs the GDP of a state and its defenders against the GDP of the state threatening it, so
without it the balance cannot be computed: unless nuclear weapons alone decide the matter, the
verdict is `undetermined` instead of `deterred` or `exposed`. (This
warning is not given under `no prelude`.)""",
[ex("state US { gdp: 27.4T, nuclear: yes }\nstate Japan { gdp: 4.2T }\nstate Taiwan\nstate China { nuclear: yes }\ntreaty US Japan one_way\npartner US Taiwan\nthreat China against Japan, Taiwan\n"),
 ex("state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nstate Philippines\nstate Vietnam\nstate China { gdp: 17.8T }\ntreaty US Japan one_way\nbloc SouthChinaSea { Philippines, Vietnam }\nthreat China against SouthChinaSea\n",
    intro="When the threat is against a pact or bloc, the members without a `gdp` are listed together:")],
"""Add each state's GDP (in US dollars, with `T`, `B` or `M`):""",
{"script.alliance": "state US { gdp: 27.4T, nuclear: yes }\nstate Japan { gdp: 4.2T }\nstate Taiwan { gdp: 0.76T }\nstate China { gdp: 17.8T, nuclear: yes }\ntreaty US Japan one_way\npartner US Taiwan\nthreat China against Japan, Taiwan\n"})

sec("variable_like_name",
"""*Warning.* A lower-case word is spelled like a declared name (`japan` for `Japan`). Lower-case
words are variables, which match anything, so `? defends(x, japan)` asks "who defends whom?" rather than
"who defends Japan?". The script still runs, but the answers are probably not what you meant.""",
[ex(BASE + "? defends(x, japan)\n")],
"""Write the name with its capital letter:""",
{"script.alliance": BASE + "? defends(x, Japan)\n"})

sec("attribute_spelling",
"""*Warning.* An attribute key is not one of the standard ones (`gdp`, `nuclear`, `spending`,
`spending_target`, `region`, `forces`) but is one slip away from one (`gpd`, `nucelar`), and no
rule or question reads it. A script may give states attributes of its own, so this is allowed,
but the standard theory never sees the figure: here Japan's GDP is missing from every balance.""",
[ex("state US { gdp: 27.4T }\nstate Japan { gpd: 4.2T }\nstate China { gdp: 17.8T }\ntreaty US Japan one_way\nthreat China against Japan\n")],
"""Spell the key as the standard theory does (or, for an attribute of your own, use it in a rule or
question, which tells `alliance` it is meant):""",
{"script.alliance": "state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nstate China { gdp: 17.8T }\ntreaty US Japan one_way\nthreat China against Japan\n"})
