// The TextMate grammar, tokenised as VS Code does (vscode-textmate on the Oniguruma engine),
// over every example and lesson: every keyword of grammar/alliance.pest is scoped as one, and
// every token of every file has a scope of its own: comment, string, number, keyword, name,
// relation, variable, operator or punctuation. Run with `node --test test/`.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const root = path.resolve(__dirname, "..", "..", "..");
const grammarPath = path.join(__dirname, "..", "syntaxes", "alliance.tmLanguage.json");

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () =>
      vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath),
  });
  return registry.loadGrammar("source.alliance");
}

/// The keywords of the language, read from the pest grammar: the single source of truth.
function pestKeywords() {
  const pest = fs.readFileSync(path.join(root, "grammar", "alliance.pest"), "utf8");
  const words = new Set();
  for (const line of pest.split("\n")) {
    if (/^(kw_\w+|direction|obligation|agg_op|boolean)\s*=/.test(line)) {
      for (const m of line.matchAll(/"([a-z_]+)"/g)) words.add(m[1]);
    }
  }
  return [...words];
}

/// Each token of a file's lines: its text and scopes.
function tokenize(grammar, text) {
  const out = [];
  let stack = vsctm.INITIAL;
  for (const line of text.split(/\r?\n/)) {
    const result = grammar.tokenizeLine(line, stack);
    for (const t of result.tokens) {
      out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line });
    }
    stack = result.ruleStack;
  }
  return out;
}

function scripts(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(folder, e.name);
    if (e.isDirectory()) return scripts(full);
    return e.name.endsWith(".alliance") ? [full] : [];
  });
}

const has = (token, prefix) => token.scopes.some((s) => s.startsWith(prefix));
const keywordScope = (t) =>
  has(t, "keyword.") || has(t, "constant.language.") || has(t, "support.function.aggregate.");

test("every keyword of the pest grammar is scoped as a keyword", async () => {
  const grammar = await loadGrammar();
  const keywords = pestKeywords();
  assert.ok(keywords.length >= 40, `only ${keywords.length} keywords found in the pest grammar`);
  for (const word of keywords) {
    const [token] = tokenize(grammar, word);
    assert.strictEqual(token.text, word);
    assert.ok(keywordScope(token), `${word}: ${token.scopes.join(" ")}`);
  }
});

test("a line of each kind gets the expected scopes", async () => {
  const grammar = await loadGrammar();
  const scopesOf = (line, text) => {
    const token = tokenize(grammar, line).find((t) => t.text === text);
    assert.ok(token, `no token ${text} in ${line}`);
    return token.scopes.join(" ");
  };
  const state = 'state US "United States" { gdp: 27.36T, nuclear: yes } # the hub';
  assert.match(scopesOf(state, "state"), /keyword\.other\.declaration/);
  assert.match(scopesOf(state, "US"), /variable\.other\.constant/);
  assert.match(scopesOf(state, "United States"), /string\.quoted\.double/);
  assert.match(scopesOf(state, "gdp"), /variable\.other\.property/);
  assert.match(scopesOf(state, "27.36"), /constant\.numeric/);
  assert.match(scopesOf(state, "T"), /keyword\.other\.unit/);
  assert.match(scopesOf(state, "yes"), /constant\.language/);
  assert.match(scopesOf(state, "# the hub"), /comment\.line\.number-sign/);
  const rule = "rule big(x) if gdp(x, g), g > 1T, not hub(x), n = count y : { member(y, x) }";
  assert.match(scopesOf(rule, "big"), /entity\.name\.function\.relation/);
  assert.match(scopesOf(rule, "hub"), /entity\.name\.function\.relation/);
  assert.match(scopesOf(rule, "x"), /variable\.other\.alliance/);
  assert.match(scopesOf(rule, "y"), /variable\.other\.alliance/);
  assert.match(scopesOf(rule, "count"), /support\.function\.aggregate/);
  assert.match(scopesOf(rule, ">"), /keyword\.operator/);
  assert.match(scopesOf("scenario moshitora {", "moshitora"), /entity\.name\.section/);
  assert.match(scopesOf("? defends(_, Japan)", "_"), /variable\.language\.anonymous/);
  assert.match(scopesOf("troops US in Japan 54_000", "54_000"), /constant\.numeric/);
});

test("every token of every example and lesson has a scope", async () => {
  const grammar = await loadGrammar();
  const keywords = new Set(pestKeywords());
  const files = scripts(path.join(root, "examples"));
  assert.ok(files.length >= 10, `only ${files.length} examples`);
  const seen = { comment: 0, string: 0, number: 0, keyword: 0, name: 0, relation: 0, variable: 0 };
  for (const file of files) {
    for (const t of tokenize(grammar, fs.readFileSync(file, "utf8"))) {
      const where = `${path.relative(root, file)}: \`${t.text}\` in \`${t.line}\``;
      if (t.text.trim() === "") continue;
      assert.ok(t.scopes.length > 1, `unscoped ${where}`);
      if (has(t, "comment.") || has(t, "string.")) {
        seen[has(t, "comment.") ? "comment" : "string"]++;
        continue;
      }
      const word = t.text.trim();
      if (/^-?\d/.test(word) || has(t, "keyword.other.unit.")) {
        assert.ok(has(t, "constant.numeric."), `number ${where}`);
        seen.number++;
      } else if (has(t, "entity.name.function.relation.")) {
        seen.relation++;
      } else if (has(t, "entity.name.section.scenario.")) {
        // A scenario's name may be any word, a keyword included (`scenario mutual`).
      } else if (keywords.has(word)) {
        assert.ok(keywordScope(t), `keyword ${where}: ${t.scopes.join(" ")}`);
        seen.keyword++;
      } else if (/^[A-Z]/.test(word)) {
        assert.ok(
          has(t, "variable.other.constant."),
          `name ${where}: ${t.scopes.join(" ")}`,
        );
        seen.name++;
      } else if (/^[a-z_]/.test(word)) {
        // Any other word: a variable, an attribute key, a group kind or a setting.
        assert.ok(has(t, "variable."), `word ${where}: ${t.scopes.join(" ")}`);
        seen.variable++;
      } else {
        assert.ok(
          has(t, "keyword.operator.") || has(t, "punctuation."),
          `symbol ${where}: ${t.scopes.join(" ")}`,
        );
      }
    }
  }
  for (const [kind, n] of Object.entries(seen)) assert.ok(n > 0, `no ${kind} token in the examples`);
});
