#!/usr/bin/env python3
"""Compare alliance with clingo on generated worlds: the same conclusions, and the time taken.

For each size N:

1. `alliance generate --states N --seed S` writes a world (world.alliance).
2. The world's statements are translated into ASP facts (world.lp): names as quoted strings,
   money as whole millions (clingo has 32-bit integers and no decimals; generated GDPs are
   whole tens of millions, so nothing is rounded), percentages as hundredths of a point.
3. Both engines evaluate the standard theory: alliance its own prelude, clingo
   `bench/clingo/prelude.lp` (src/prelude.alliance translated rule by rule).
4. The `defends`, `covered` and `exposed` facts of both must be the same sets. Ours are
   read from `alliance repl` (queries piped in), clingo's from its JSON output (`--outf=2`).
5. Both whole processes are timed, several runs interleaved, and the medians reported with
   the load average before and after. clingo's grounding statistics (`--stats`) are kept.

Usage (from the repository root, after `cargo build --release` and `pip install clingo`):

    python3 bench/clingo/compare.py --states 1000 10000 --runs 5 --results bench/clingo/RESULTS.md

Exit status 1 if the conclusions differ for any size.
"""

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PRELUDE_LP = HERE / "prelude.lp"
# The REPL stops at a million derived facts unless told otherwise; the largest worlds need more.
REPL_LIMIT = "100000000"

COMPARED = {"defends": 2, "covered": 1, "exposed": 2}
INT32_MAX = 2**31 - 1


# ----------------------------------------------------------------------------- translation

MONEY = re.compile(r"^([0-9][0-9_]*(?:\.[0-9_]+)?)([TBMK]?)$")
SCALE = {"T": 10**12, "B": 10**9, "M": 10**6, "K": 10**3, "": 1}


def millions(text):
    """`22.2T` -> 22200000 (whole millions); fails on a figure that is not a whole million."""
    m = MONEY.match(text.strip())
    if not m:
        raise ValueError(f"not an amount of money: {text!r}")
    value = Decimal(m.group(1).replace("_", "")) * SCALE[m.group(2)] / 10**6
    if value != value.to_integral_value():
        raise ValueError(f"{text} is not a whole number of millions")
    return int(value)


def hundredths(text):
    """`1.25%` -> 125 (hundredths of a percentage point)."""
    value = Decimal(text.strip().rstrip("%")) * 100
    if value != value.to_integral_value():
        raise ValueError(f"{text} has more than two decimals")
    return int(value)


def q(name):
    """A name as an ASP string constant (exact, whatever its case)."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def statements(text):
    """The statements of a script, comments removed and braces joined onto one line."""
    pending = ""
    for line in text.splitlines():
        line = re.sub(r"#.*$", "", line).strip()
        if not line:
            continue
        pending = f"{pending} {line}".strip() if pending else line
        if pending.count("{") == pending.count("}"):
            yield pending
            pending = ""
    if pending:
        raise ValueError(f"unbalanced braces at the end: {pending[:60]!r}")


def translate(text):
    """The ASP facts of a world written by `alliance generate` (and the other plain forms of
    the declarations of LANGUAGE.md section 3), as (facts, states, gdp)."""
    facts = []
    states = set()
    gdp = {}
    threats = []  # resolved at the end: a target may be a state or a collective name

    def members(body):
        return [m.strip() for m in body.split(",") if m.strip()]

    for stmt in statements(text):
        word = stmt.split()[0]
        if word == "state":
            m = re.match(r'^state\s+(\w+)\s*(?:"[^"]*")?\s*(?:\{(.*)\})?$', stmt)
            if not m:
                raise ValueError(f"cannot read: {stmt}")
            name = m.group(1)
            states.add(name)
            facts.append(f"state({q(name)}).")
            for attr in members(m.group(2) or ""):
                key, _, value = (p.strip() for p in attr.partition(":"))
                if key == "gdp":
                    gdp[name] = millions(value)
                    facts.append(f"gdp({q(name)},{gdp[name]}).")
                elif key == "nuclear":
                    if value == "yes":
                        facts.append(f"nuclear({q(name)}).")
                elif key in ("spending", "spending_target"):
                    facts.append(f"{key}({q(name)},{hundredths(value)}).")
                # Other attributes (region, forces, ...) play no part in the standard theory.
        elif word == "treaty":
            m = re.match(r"^treaty\s+(\w+)\s+(\w+)\s+(mutual|one_way)(?:\s+(\w+))?\s*(?:\{.*\})?$", stmt)
            if not m:
                raise ValueError(f"cannot read: {stmt}")
            a, b, direction, obligation = m.groups()
            facts.append(f"treaty({q(a)},{q(b)},{direction},{obligation or 'defence'}).")
        elif word == "pact":
            m = re.match(r"^pact\s+(\w+)(?:\s+(\w+))?\s*\{([^}]*)\}\s*(?:\{.*\})?$", stmt)
            if not m:
                raise ValueError(f"cannot read: {stmt}")
            name, obligation, body = m.groups()
            facts.append(f"pact({q(name)},{obligation or 'defence'}).")
            facts += [f"member({q(x)},{q(name)})." for x in dict.fromkeys(members(body))]
        elif word == "group":
            m = re.match(r"^group\s+(\w+)\s+([\w\s,]+?)\s*\{([^}]*)\}$", stmt)
            if not m:
                raise ValueError(f"cannot read: {stmt}")
            name, kinds, body = m.groups()
            facts += [f"group({q(name)},{q(k)})." for k in members(kinds)]
            facts += [f"member({q(x)},{q(name)})." for x in dict.fromkeys(members(body))]
        elif word == "bloc":
            m = re.match(r"^bloc\s+(\w+)\s*\{([^}]*)\}$", stmt)
            if not m:
                raise ValueError(f"cannot read: {stmt}")
            name, body = m.groups()
            facts.append(f"bloc({q(name)}).")
            facts += [f"member({q(x)},{q(name)})." for x in dict.fromkeys(members(body))]
        elif word == "partner":
            _, a, b = stmt.split()
            facts.append(f"partner({q(a)},{q(b)}).")
        elif word == "threat":
            m = re.match(r"^threat\s+(\w+)\s+against\s+(.*)$", stmt)
            if not m:
                raise ValueError(f"cannot read: {stmt}")
            threats.append((m.group(1), members(m.group(2))))
        elif word == "troops":
            m = re.match(r"^troops\s+(\w+)\s+in\s+(\w+)\s+([0-9_]+)$", stmt)
            if not m:
                raise ValueError(f"cannot read: {stmt}")
            a, b, n = m.groups()
            facts.append(f"troops({q(a)},{q(b)},{int(n.replace('_', ''))}).")
        else:
            raise ValueError(f"statement not translated (only worlds of declarations are): {stmt[:60]}")
    for by, targets in threats:
        for t in dict.fromkeys(targets):
            rel = "threatens" if t in states else "threatens_all"
            facts.append(f"{rel}({q(by)},{q(t)}).")
    return facts, states, gdp


def largest_power(text, gdp):
    """An upper bound of the largest coalition GDP (in millions): clingo's sums are 32-bit."""
    defenders = {}
    pacts = {}
    for stmt in statements(text):
        m = re.match(r"^treaty\s+(\w+)\s+(\w+)\s+(mutual|one_way)(?:\s+(\w+))?", stmt)
        if m and (m.group(4) or "defence") == "defence":
            a, b, direction = m.group(1), m.group(2), m.group(3)
            defenders.setdefault(b, set()).add(a)
            if direction == "mutual":
                defenders.setdefault(a, set()).add(b)
        m = re.match(r"^pact\s+(\w+)(?:\s+(\w+))?\s*\{([^}]*)\}", stmt)
        if m and (m.group(2) or "defence") == "defence":
            pacts[m.group(1)] = [x.strip() for x in m.group(3).split(",") if x.strip()]
    for body in pacts.values():
        for x in body:
            defenders.setdefault(x, set()).update(y for y in body if y != x)
    return max(
        (gdp.get(x, 0) + sum(gdp.get(d, 0) for d in ds) for x, ds in defenders.items()),
        default=max(gdp.values(), default=0),
    )


# ----------------------------------------------------------------------------- running

def run(cmd, stdin=None):
    """Runs a command; (stdout, wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode not in (0, 10, 20, 30):  # clingo exits 10/20/30 for SAT/UNSAT/both
        sys.stderr.write(p.stderr[-3000:])
        raise SystemExit(f"failed ({p.returncode}): {' '.join(map(str, cmd))}")
    return p.stdout, wall, cpu


QUERIES = "? defends(a, b)\n? covered(x)\n? exposed(x, t)\n"

# The REPL keeps worlds below its own limit of derived facts (1,000,000); it says so and
# loads nothing beyond it.
REPL_REFUSED = "was not loaded"


def repl_answers(out):
    """The answers of the piped queries, from the REPL's output (`a = S0, b = S1` lines)."""
    if REPL_REFUSED in out:
        return None
    answers = {}
    current = None
    for line in out.splitlines():
        if line.startswith("alliance> "):
            m = re.match(r"^alliance> \? (\w+)\(", line)
            current = m.group(1) if m else None
            if current:
                answers[current] = set()
            continue
        if current is None or not line.strip() or line.strip() == "no":
            continue
        # `a = S0, b = S1` (generated names have no commas or equals signs)
        row = tuple(part.split(" = ", 1)[1].strip() for part in line.split(", "))
        if len(row) != COMPARED[current]:
            raise SystemExit(f"unexpected answer line for {current}: {line!r}")
        answers[current].add(row)
    missing = set(COMPARED) - set(answers)
    if missing:
        raise SystemExit(f"the REPL answered no query for {missing}:\n{out[-2000:]}")
    return answers


def ours(alliance, world):
    """Our `defends`, `covered` and `exposed` facts: from `alliance repl` with the queries piped
    in, or, for a world above the REPL's limit, from the query answers of
    `alliance run --format json` on a script that imports the world."""
    out, _, _ = run([alliance, "repl", "--max-facts", REPL_LIMIT, str(world)], stdin=QUERIES)
    answers = repl_answers(out)
    if answers is not None:
        return answers, "repl"
    script = Path(world).with_suffix(".queries.alliance")
    script.write_text(f'import "{Path(world).name}"\n' + QUERIES)
    out, _, _ = run([alliance, "run", "--format", "json", str(script)])
    data = json.loads(out)
    queries = [q for q in data["queries"] if q.get("kind") == "query"]
    answers = {}
    for q in queries:
        rel = re.match(r"^\? (\w+)\(", q["text"]).group(1)
        answers[rel] = {tuple(row) for row in q["rows"]}
    del data, out
    if set(answers) != set(COMPARED):
        raise SystemExit(f"`alliance run` answered {sorted(answers)}, not {sorted(COMPARED)}")
    return answers, "run --format json"


def clingo_cmd(world_lp, quiet=False):
    cmd = [sys.executable, "-m", "clingo", str(PRELUDE_LP), str(world_lp), "--outf=2", "--stats"]
    return cmd + (["--quiet"] if quiet else [])


ATOM = re.compile(r'^(\w+)\((.*)\)$')


def theirs(world_lp):
    """clingo's `defends`, `covered` and `exposed` facts, its statistics and its own times."""
    out, wall, cpu = run(clingo_cmd(world_lp))
    data = json.loads(out)
    if data.get("Result") != "SATISFIABLE":
        raise SystemExit(f"clingo: {data.get('Result')}")
    atoms = data["Call"][-1]["Witnesses"][-1]["Value"]
    answers = {rel: set() for rel in COMPARED}
    for atom in atoms:
        m = ATOM.match(atom)
        if not m or m.group(1) not in answers:
            continue
        args = tuple(json.loads(a) for a in re.findall(r'"(?:[^"\\]|\\.)*"', m.group(2)))
        answers[m.group(1)].add(args)
    return answers, data, wall, cpu


def machine():
    cpu = platform.processor() or "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu}


def describe_binary(path):
    """The binary, its version and the commit of the tree it sits in (if it is a git tree)."""
    version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip()
    where = Path(path).resolve().parent
    git = subprocess.run(["git", "-C", str(where), "describe", "--always", "--dirty"],
                         capture_output=True, text=True)
    commit = git.stdout.strip() if git.returncode == 0 else "not in a git tree"
    return f"`{path}` ({version}; tree {commit})"


def loadavg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "unknown"


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def compare_size(alliance, n, seed, runs, work):
    print(f"== {n} states (seed {seed})", flush=True)
    world = work / f"world{n}.alliance"
    text, _, _ = run([alliance, "generate", "--states", str(n), "--seed", str(seed)])
    world.write_text(text)
    t0 = time.perf_counter()
    facts, states, gdp = translate(text)
    translate_s = time.perf_counter() - t0
    world_lp = work / f"world{n}.lp"
    world_lp.write_text("\n".join(facts) + "\n")
    bound = largest_power(text, gdp)
    print(f"   {len(facts)} ASP facts; largest coalition GDP at most {bound} millions"
          f" ({'fits' if bound <= INT32_MAX else 'DOES NOT FIT'} in 32 bits)", flush=True)

    mine, source = ours(alliance, str(world))
    print(f"   alliance's facts read from `alliance {source}`", flush=True)
    other, data, _, _ = theirs(world_lp)
    same = True
    detail = {}
    for rel in COMPARED:
        only_ours = mine[rel] - other[rel]
        only_theirs = other[rel] - mine[rel]
        detail[rel] = (len(mine[rel]), len(other[rel]), len(only_ours), len(only_theirs))
        if only_ours or only_theirs:
            same = False
            print(f"   {rel}: DIFFERENT: only alliance {sorted(only_ours)[:5]}, "
                  f"only clingo {sorted(only_theirs)[:5]}", flush=True)
        else:
            print(f"   {rel}: {len(mine[rel])} facts, the same", flush=True)

    # Timing: runs interleaved, so a change of load hits every command alike.
    load_before = loadavg()
    times = {"alliance test": [], "clingo quiet": [], "alliance repl": [], "clingo": []}
    cpus = {k: [] for k in times}
    clingo_own = []
    repl_ok = source == "repl"
    for _ in range(runs):
        out, w, c = run([alliance, "test", str(world)])
        if "0 passed, 0 failed" not in out:
            raise SystemExit(f"`alliance test` did not evaluate the world:\n{out[-1000:]}")
        times["alliance test"].append(w)
        cpus["alliance test"].append(c)
        _, w, c = run(clingo_cmd(world_lp, quiet=True))
        times["clingo quiet"].append(w)
        cpus["clingo quiet"].append(c)
        if repl_ok:
            out, w, c = run([alliance, "repl", "--max-facts", REPL_LIMIT, str(world)], stdin=QUERIES)
            if repl_answers(out) != mine:
                raise SystemExit("the REPL answered differently from one run to the next")
            times["alliance repl"].append(w)
            cpus["alliance repl"].append(c)
        out, w, c = run(clingo_cmd(world_lp))
        times["clingo"].append(w)
        cpus["clingo"].append(c)
        clingo_own.append(json.loads(out)["Time"])
    load_after = loadavg()
    for k in times:
        print(f"   {k:14} wall median {median(times[k]):.3f} s, CPU median {median(cpus[k]):.3f} s "
              f"(runs: {', '.join(f'{t:.3f}' for t in times[k])})", flush=True)
    lp = data["Stats"]["LP"]
    problem = data["Stats"]["Problem"]
    return {
        "states": n,
        "source": source,
        "seed": seed,
        "asp_facts": len(facts),
        "translate_s": translate_s,
        "power_bound": bound,
        "same": same,
        "detail": detail,
        "load_before": load_before,
        "load_after": load_after,
        "wall": {k: median(v) for k, v in times.items()},
        "cpu": {k: median(v) for k, v in cpus.items()},
        "runs": times,
        "clingo_total": median([t["Total"] for t in clingo_own]),
        "clingo_solve": median([t["Solve"] for t in clingo_own]),
        "clingo_cpu": median([t["CPU"] for t in clingo_own]),
        "lp": lp,
        "core": data["Stats"]["Core"],
        "problem": problem,
    }


def report(results, args, info):
    lines = []
    w = lines.append
    w("# alliance against clingo: results")
    w("")
    w(f"Written by `bench/clingo/compare.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.")
    w("")
    w(f"Machine: {info['nproc']} CPUs ({info['cpu']}), shared with other work; the load average")
    w("(1, 5, 15 minutes) is given before and after each size's timing runs. clingo "
      f"{info['clingo']}, Python {platform.python_version()}.")
    w("")
    w(f"alliance: {info['alliance']}.")
    if args.note:
        w("")
        w(args.note)
    w("")
    w("Rerun (from the repository root):")
    w("")
    w("```sh")
    w("cargo build --release && pip install clingo")
    sizes = " ".join(str(r["states"]) for r in results)
    binary = "" if Path(args.alliance).resolve() == (ROOT / "target" / "release" / "alliance").resolve() \
        else f" --alliance {args.alliance}"
    w(f"python3 bench/clingo/compare.py --states {sizes} --seed {args.seed} --runs {args.runs}{binary} "
      "--results bench/clingo/RESULTS.md")
    w("```")
    w("")
    w("## Same conclusions")
    w("")
    w("| states | relation | alliance | clingo | only alliance | only clingo | alliance's facts read from |")
    w("|---:|---|---:|---:|---:|---:|---|")
    for r in results:
        for rel, (a, c, oa, oc) in r["detail"].items():
            w(f"| {r['states']:,} | `{rel}` | {a:,} | {c:,} | {oa} | {oc} | `alliance {r['source']}` |")
    w("")
    verdict = all(r["same"] for r in results)
    w("Verdict: " + ("**the same facts** at every size." if verdict else "**DIFFERENT** (see above)."))
    w("")
    w("## Time (whole processes, median of "
      f"{args.runs} interleaved runs; wall clock, and CPU time of the process)")
    w("")
    w("Two pairs of commands, each pair doing the same work:")
    w("")
    w("- Evaluate, print nothing: `alliance test world.alliance` (parse, check, evaluate the whole "
      "standard theory, hub and spoke included) against `python3 -m clingo prelude.lp world.lp "
      "--outf=2 --stats --quiet` (Python start-up, parse, ground, solve; no model printed).")
    w("- Evaluate and print the compared facts: `alliance repl --max-facts 100000000 world.alliance` with the three "
      "queries piped in (the REPL checks the world again for each line it reads) against the same "
      "clingo command without `--quiet` (every `defends`, `covered` and `exposed` atom printed as JSON).")
    w("- \"clingo's own time\" is the `Time.Total` clingo reports for itself (without the Python "
      "start-up of the `clingo` module).")
    w("")
    w("| states | load before | load after | alliance test | clingo quiet | ratio | alliance repl | clingo | ratio | clingo's own time |")
    w("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        m = r["wall"]
        if r["runs"]["alliance repl"]:
            repl = f"{m['alliance repl']:.3f} s | {m['clingo']:.3f} s | {m['clingo'] / m['alliance repl']:.1f}x"
        else:
            repl = f"n/a (1) | {m['clingo']:.3f} s | n/a"
        w(f"| {r['states']:,} | {r['load_before']} | {r['load_after']} | {m['alliance test']:.3f} s "
          f"| {m['clingo quiet']:.3f} s | {m['clingo quiet'] / m['alliance test']:.1f}x "
          f"| {repl} | {r['clingo_total']:.3f} s |")
    w("")
    w("Ratio: clingo's time divided by alliance's (above 1: alliance is faster).")
    if any(not r["runs"]["alliance repl"] for r in results):
        w("")
        w("(1) The REPL did not load this world (a binary without `--max-facts` for the REPL "
          "stops at 1,000,000 derived facts), so at this size alliance's facts were read from "
          "`alliance run --format json` on a script importing the world (not timed: it writes the "
          "whole report, hundreds of megabytes of JSON).")
    w("")
    w("CPU time (user + system) of the same runs, medians:")
    w("")
    w("| states | alliance test | clingo quiet | alliance repl | clingo | clingo's own CPU |")
    w("|---:|---:|---:|---:|---:|---:|")
    for r in results:
        c = r["cpu"]
        repl = f"{c['alliance repl']:.3f} s" if r["runs"]["alliance repl"] else "n/a"
        w(f"| {r['states']:,} | {c['alliance test']:.3f} s | {c['clingo quiet']:.3f} s "
          f"| {repl} | {c['clingo']:.3f} s | {r['clingo_cpu']:.3f} s |")
    w("")
    w("Every run (wall seconds):")
    w("")
    for r in results:
        for k, v in r["runs"].items():
            if v:
                w(f"- {r['states']:,} states, {k}: {', '.join(f'{t:.3f}' for t in v)}")
    w("")
    w("## clingo's grounding statistics (`--stats`)")
    w("")
    w("| states | ASP facts in | rules (original / final) | atoms | bodies (original / final) | equivalences | tight | variables | constraints | choices | conflicts | solving |")
    w("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    for r in results:
        lp, pb, core = r["lp"], r["problem"], r["core"]
        w(f"| {r['states']:,} | {r['asp_facts']:,} | {lp['Rules']['Original']:,} / {lp['Rules']['Final']:,} "
          f"| {lp['Atoms']:,} | {lp['Bodies']['Original']:,} / {lp['Bodies']['Final']:,} "
          f"| {lp['Equivalences']['Sum']:,} | {lp['Tight']} | {pb['Variables']:,} "
          f"| {pb['Constraints']['Sum']:,} | {core['Choices']:,} | {core['Conflicts']:,} "
          f"| {r['clingo_solve']:.3f} s |")
    w("")
    w("The program is stratified, so grounding decides everything: no variables, choices or")
    w("conflicts are left for the solver. \"solving\" is the `Time.Solve` clingo reports for the runs")
    w("that print the model (median), which includes passing the model to the output; the rest of")
    w("clingo's time is reading and grounding. Largest coalition GDP, an upper bound from the declared duties, in millions "
      "(clingo's integers are 32-bit, at most 2,147,483,647): "
      + ", ".join(f"{r['states']:,} states: {r['power_bound']:,}" for r in results) + ".")
    w("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--states", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--alliance", default=str(ROOT / "target" / "release" / "alliance"))
    ap.add_argument("--work", help="keep the generated files here (default: a temporary directory)")
    ap.add_argument("--results", help="write a Markdown report here")
    ap.add_argument("--note", default="", help="a sentence for the report (how the binary was built, ...)")
    args = ap.parse_args()
    if not Path(args.alliance).exists():
        raise SystemExit(f"{args.alliance} not found: run `cargo build --release` first")
    import clingo  # noqa: F401  (fails early with a clear message if clingo is missing)
    info = machine()
    info["clingo"] = clingo.__version__
    info["alliance"] = describe_binary(args.alliance)
    print(f"machine: {info['nproc']} CPUs, {info['cpu']}; load {loadavg()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = [compare_size(args.alliance, n, args.seed, args.runs, work) for n in args.states]
    if args.results:
        Path(args.results).write_text(report(results, args, info))
        print(f"wrote {args.results}")
    sys.exit(0 if all(r["same"] for r in results) else 1)


if __name__ == "__main__":
    main()
