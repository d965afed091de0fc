import os, subprocess, shutil, sys, tempfile, re
sys.path.insert(0, os.path.dirname(__file__))
from sections import S, BASE

# Regenerates docs/errors.md from the real output of the binary:
#   cargo build --release && python3 docs/tools/errors/gen.py docs/errors.md
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BIN = os.environ.get("ALLIANCE_BIN", os.path.join(ROOT, "target", "release", "alliance"))
TITLES = {"syntax": "Syntax and slips from copying an article", "unknown_name": "Names and declarations",
          "attribute_type": "Attributes and numbers", "unknown_relation": "Rules and questions",
          "file_unreadable": "Files and imports", "pointless_change": "Scenarios",
          "expectation_failed": "Problems found while running", "unused_state": "Warnings"}

def run(files, path):
    d = tempfile.mkdtemp(prefix="errdoc")
    for name, text in files.items():
        p = os.path.join(d, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode())
    env = dict(os.environ, NO_COLOR="1")
    r = subprocess.run([BIN, "check", path], cwd=d, env=env, capture_output=True)
    shutil.rmtree(d)
    assert r.stdout == b"", r.stdout
    return r.stderr.decode("utf-8", errors="replace"), r.returncode

def run_cmd(cmd, files, path):
    # `alliance run` (its diagnostics, on standard error) or `alliance test` (diagnostics and tally).
    d = tempfile.mkdtemp(prefix="errdoc")
    for name, text in files.items():
        p = os.path.join(d, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, "w").write(text)
    env = dict(os.environ, NO_COLOR="1")
    if cmd == "test":
        r = subprocess.run([BIN, cmd, path], cwd=d, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    else:
        r = subprocess.run([BIN, cmd, path], cwd=d, env=env, capture_output=True)
    shutil.rmtree(d)
    return r.stdout.decode() if cmd == "test" else r.stderr.decode(), r.returncode

def block(lang, text):
    return f"```{lang}\n{text.rstrip(chr(10))}\n```\n"

out = []
def w(s=""):
    out.append(s)

# ---- introduction, with a real example
anat_script = "state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\ntreaty US Japn one_way\n? defends(US, Japan)\n"
anat, rc = run({"script.alliance": anat_script}, "script.alliance")
assert rc == 1
slips_script = "state US { gdp: $27.4trn }\nstate SouthKorea \u201cSouth Korea\u201d { gdp: 1.7T }\ntreaty US South Korea mutual\ntroops US in SouthKorea 28,500\n"
slips, rc = run({"script.alliance": slips_script}, "script.alliance")
assert rc == 1 and "4 errors" in slips, slips
warn_script = "state US { gdp: 27.4T }\nstate Japan { gdp: 4.2T }\nstate Mongolia { gdp: 19B }\ntreaty US Japan one_way\n"
warn, rc = run({"script.alliance": warn_script}, "script.alliance")
assert rc == 0 and "ok, 1 warning" in warn

intro = open(os.path.join(os.path.dirname(__file__), "intro.md")).read()
intro = intro.replace("@ANAT_SCRIPT@", block("alliance", anat_script)).replace("@ANAT@", block("text", anat))
intro = intro.replace("@SLIPS_SCRIPT@", block("alliance", slips_script)).replace("@SLIPS@", block("text", slips))
w(intro.rstrip("\n"))
w()

# contents
w("## Contents")
w()
for s in S:
    if s["code"] in TITLES:
        w(f"- {TITLES[s['code']]}:")
    w(f"  - [`alliance::{s['code']}`](#alliance{s['code']})")
w()

for s in S:
    code = s["code"]
    w(f"## alliance::{code}")
    w()
    w(s["meaning"])
    w()
    for e in s["examples"]:
        if e["intro"]:
            w(e["intro"])
            w()
        if e["show"] == "none":
            pass
        elif e["show"] is False:
            for text in e["files"].values():
                w(block("alliance", text))
        else:
            shown = e["show"] if e["show"] is not None else e["files"]["script.alliance"]
            w(block("alliance", shown))
        text, rc = run(e["files"], e["run"])
        if s.get("runtime"):
            cmd = s["runtime"]
            assert rc == 0 and text.strip() == f"{e['run']}: ok", (code, text)
            text, rc = run_cmd(cmd, e["files"], e["run"])
            assert rc == 1, (code, text)
            if cmd == "test":
                w(f"`alliance check` finds nothing wrong with this script. `alliance test {e['run']}` prints:")
            else:
                w(f"`alliance check` does not run the script, so it reports `{e['run']}: ok`. `alliance run {e['run']}` reports:")
            w()
        assert f"alliance::{code}\n" in text, (code, text)
        if code in ("unused_state", "empty_threat", "missing_gdp", "variable_like_name", "attribute_spelling"):
            assert rc == 0, (code, text)
        else:
            assert rc == 1, (code, text)
        w(block("text", text))
        if e["note"]:
            w(e["note"])
            w()
    w("**How to fix.** " + s["fix"])
    w()
    files = s["fixfiles"]
    for name in (s["fixshow"] if s["fixshow"] is not None else list(files)):
        w(block("alliance", files[name]))
    text, rc = run(files, s["fixrun"])
    assert rc == 0 and text.strip() == f"{s['fixrun']}: ok", (code, text)
    if s.get("runtime"):
        text, rc = run_cmd(s["runtime"], files, s["fixrun"])
        assert rc == 0 and "alliance::" not in text, (code, text)

doc = "\n".join(out).rstrip("\n") + "\n"
import textwrap
def reflow(doc):
    lines = doc.split("\n"); res = []; para = []; fence = False
    def flush():
        if para:
            res.extend(textwrap.wrap(" ".join(l.strip() for l in para), 100, break_long_words=False, break_on_hyphens=False))
            para.clear()
    for l in lines:
        if l.startswith("```"):
            flush(); fence = not fence; res.append(l); continue
        if fence:
            res.append(l); continue
        if l == "" or l.startswith(("#", "|", "-", "  ")):
            flush(); res.append(l); continue
        para.append(l)
    flush()
    return "\n".join(res)
doc = reflow(doc)
doc = re.sub(r"\n{3,}", "\n\n", doc)
open(sys.argv[1], "w").write(doc)
print("written", len(doc))
