// The playground page: an editor, and beside it what the core says of its text. Every answer
// comes from the core compiled to WebAssembly (web/src/lib.rs over the library's session API);
// this file only draws it. It knows nothing of the language but its keywords' list, which the
// core gives, for colours.

import init, * as core from '../pkg/alliance_web.js';
import wasmBytes from '../pkg/alliance_web_bg.wasm';
import { EditorView, keymap, lineNumbers, highlightActiveLine } from '@codemirror/view';
import { EditorState, EditorSelection } from '@codemirror/state';
import { defaultKeymap, history as undoHistory, historyKeymap } from '@codemirror/commands';
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { autocompletion } from '@codemirror/autocomplete';
import { setDiagnostics, lintGutter } from '@codemirror/lint';

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'onclick') e.addEventListener('click', v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : String(c ?? ''));
  return e;
};

// ---- The core, made afresh if a panic aborts it ----------------------------------------------

let pg = null;
let scripts = [];

let compiled = null;

// Starts the core: compiled once, instantiated afresh after a panic (the loader's own `init`
// keeps its first instance, so a new one comes from `initSync` on the compiled module).
async function start() {
  if (compiled) {
    core.initSync({ module: compiled });
  } else {
    compiled = await WebAssembly.compile(wasmBytes);
    await init({ module_or_path: compiled });
  }
  core.install_panic_hook();
  pg = new core.Playground();
}

// Calls the core; a panic (a trap of the WebAssembly) is shown as a diagnostic and the core
// starts again, so nothing typed can break the page.
async function call(f, fallback) {
  try {
    return f();
  } catch (e) {
    let message = String(e);
    try { message = core.last_panic() || message; } catch (_) { /* the instance is gone */ }
    showCrash(message);
    await start();
    lastText = null;
    return fallback;
  }
}

// For the browser test: a panic of the core, to check that the page survives it.
window.playgroundPanic = () => call(() => core.panic_for_test(), null);

function showCrash(message) {
  $('crash').textContent =
    'The interpreter stopped on an internal error and was restarted: ' + message +
    ' (please report it with the script: the share link holds it).';
  $('crash').hidden = false;
}

// ---- Positions: the core speaks in bytes of UTF-8, the editor in UTF-16 units ---------------

function byteMapper(text) {
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => Math.min(b, text.length);
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  return (b) => dec.decode(bytes.subarray(0, Math.min(b, bytes.length))).length;
}
function toByte(text, pos) {
  return new TextEncoder().encode(text.slice(0, pos)).length;
}

// ---- The editor ------------------------------------------------------------------------------

let keywordSet = new Set();
const language = StreamLanguage.define({
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match('#')) { stream.skipToEnd(); return 'comment'; }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^-?\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?[TBM%]?(?![A-Za-z0-9_])/)) return 'number';
    if (stream.match(/^:[a-z!-]+/)) return 'keyword';
    const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/);
    if (word) {
      const w = word[0];
      if (keywordSet.has(w)) return 'keyword';
      if (stream.peek() === '(') return 'function';
      if (/^[A-Z]/.test(w)) return 'typeName';
      return 'variableName';
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#' } },
});

// Completion from the core: names, relations, keywords and scenarios of the world.
function completeFrom(context) {
  const line = context.state.doc.lineAt(context.pos);
  const upto = context.pos - line.from;
  const word = context.matchBefore(/[A-Za-z_:][A-Za-z0-9_-]*/);
  if (!word && !context.explicit) return null;
  const got = JSON.parse(pg.complete(line.text, toByte(line.text, upto)));
  if (!got.options.length) return null;
  const from = line.from + byteMapper(line.text)(got.from);
  return {
    from,
    options: got.options.map((label) => ({ label, type: /\($/.test(label) ? 'function' : /^[A-Z]/.test(label) ? 'type' : 'keyword' })),
    validFor: /^[A-Za-z0-9_]*$/,
  };
}

let view;
let timer = null;
function scheduleUpdate() {
  clearTimeout(timer);
  timer = setTimeout(refresh, 120);
}

function makeEditor(doc) {
  view = new EditorView({
    parent: $('editor'),
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), undoHistory(), highlightActiveLine(), lintGutter(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        language, syntaxHighlighting(defaultHighlightStyle),
        autocompletion({ override: [completeFrom] }),
        EditorView.updateListener.of((u) => { if (u.docChanged) scheduleUpdate(); }),
        EditorView.lineWrapping,
      ],
    }),
  });
  window.playgroundEditor = view;
}

function text() { return view.state.doc.toString(); }
function setText(t) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
  refresh();
}

function goTo(place) {
  if (!place || (place.file && place.file !== 'main.alliance')) return;
  const map = byteMapper(text());
  const from = map(place.start);
  const to = map(place.end);
  view.dispatch({ selection: EditorSelection.range(from, to), scrollIntoView: true });
  view.focus();
}

// ---- What the core says of the text ----------------------------------------------------------

let lastText = null;
let state = { diagnostics: [], report: null, scenarios: [] };
// What each change cost, for the browser test's figures: the core's check, evaluation and
// report alone, and everything until the page is drawn.
window.playgroundTimings = [];
window.playgroundCore = [];
window.playgroundWasm = [];
window.playgroundFull = [];

async function refresh() {
  clearTimeout(timer);
  const t = text();
  if (t === lastText) return;
  lastText = t;
  const begun = performance.now();
  const got = await call(() => {
    const answer = pg.update(t);
    window.playgroundWasm.push(performance.now() - begun);
    return JSON.parse(answer);
  }, null);
  window.playgroundCore.push(performance.now() - begun);
  if (!got) return;
  await show(got, t);
  const took = performance.now() - begun;
  window.playgroundTimings.push(took);
  $('status').textContent = `checked, evaluated and drawn in ${took.toFixed(0)} ms`;
  // The scenarios next, once the page is drawn (unless the text changed meanwhile).
  if (got.report) {
    await new Promise((r) => setTimeout(r, 0));
    if (t !== lastText) return;
    const full = await call(() => JSON.parse(pg.full_report()), null);
    if (full && t === lastText) {
      state.report = full;
      showReport();
      window.playgroundFull.push(performance.now() - begun);
      $('status').textContent += `, with the scenarios in ${(performance.now() - begun).toFixed(0)} ms`;
    }
  }
  document.body.dataset.updated = String(window.playgroundTimings.length);
}

// Draws what the core said of text `t`: the underlines, the report, the scenarios and (when it
// is on screen) the picture.
async function show(got, t) {
  state = got;
  showDiagnostics(t);
  showReport();
  fillScenarios();
  if (!$('pane-picture').hidden) await drawPicture();
}

function diagList(output) {
  const list = [];
  for (const r of (output && output.replies) || []) {
    if (r.kind === 'diagnostics') list.push(...r.diagnostics);
  }
  return list;
}

function showDiagnostics(t) {
  const map = byteMapper(t);
  const diags = diagList(state.diagnostics);
  const cm = [];
  const box = $('problems');
  box.replaceChildren();
  for (const d of diags) {
    const label = d.labels[0];
    const place = label && label.place;
    const inMain = place && place.file === 'main.alliance';
    const detail = [d.message, label && label.text ? `(${label.text})` : '', d.help ? `help: ${d.help}` : '']
      .filter(Boolean).join('\n');
    if (inMain) {
      let from = map(place.start);
      let to = map(place.end);
      if (to <= from) to = Math.min(from + 1, t.length);
      if (from >= t.length && t.length > 0) from = t.length - 1;
      cm.push({ from, to, severity: d.severity, message: detail, source: d.code });
    }
    const where = place ? `${place.file === 'main.alliance' ? '' : place.file + ' '}line ${place.line}` : '';
    box.append(el('li', { class: `diag ${d.severity}`, onclick: () => goTo(place) },
      el('span', { class: 'sev' }, d.severity), ' ',
      el('span', { class: 'where' }, where), ' ',
      el('span', { class: 'msg' }, d.message),
      label && label.text ? el('div', { class: 'label' }, label.text) : '',
      d.help ? el('div', { class: 'help' }, 'help: ' + d.help) : ''));
  }
  view.dispatch(setDiagnostics(view.state, cm));
  const errors = diags.filter((d) => d.severity === 'error').length;
  $('problems-title').textContent = errors
    ? `${errors} error${errors > 1 ? 's' : ''}` + (diags.length > errors ? `, ${diags.length - errors} warning(s)` : '')
    : diags.length ? `${diags.length} warning${diags.length > 1 ? 's' : ''}` : 'no problems';
}

// ---- The report as tables --------------------------------------------------------------------

// The report is drawn as one HTML string (much faster than an element at a time for a report
// of a few hundred rows); its links are handled by one listener on the report (below).
const esc = (v) => String(v ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const td = (v, cls) => `<td${cls ? ` class="${cls}"` : ''}>${v}</td>`;

function table(headers, rows) {
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

// A link to the explanation of the fact a row states (the core words it: `defends(US, Japan)`).
function explainLink(label, tableName, word, a, b) {
  const atom = core.conclusion(tableName, word || '', a, b);
  if (!atom) return esc(label);
  return `<a href="#" class="conclusion" data-atom="${esc(atom)}">${esc(label)}</a>`;
}
const sourceLink = (text, location) => `<a href="#" class="location" data-location="${esc(location)}">${esc(text)}</a>`;

function reportOf(output) {
  for (const r of (output && output.replies) || []) if (r.kind === 'report') return r.report;
  return null;
}

function showReport() {
  const out = $('report');
  if (!state.report) {
    out.innerHTML = '<p class="muted">The report appears when the script has no error.</p>';
    return;
  }
  const rep = reportOf(state.report);
  if (!rep) {
    out.replaceChildren(el('pre', {}, JSON.stringify(state.report, null, 1)));
    return;
  }
  const name = (s) => esc((rep.states && rep.states[s]) || s);
  const parts = [];
  if (rep.as_of != null) parts.push(`<p class="asof">As of ${esc(rep.as_of)}.</p>`);
  parts.push('<h3>Who must defend whom</h3>');
  // A pact's duties (every member to every other: a NATO's worth is nearly a thousand rows)
  // are one row per pact, opened on demand.
  const own = rep.obligations.filter((o) => o.basis !== 'pact');
  const pacts = (rep.pacts || []).filter((p) => p.obligations > 0);
  parts.push(own.length || pacts.length
    ? table(['defender', 'protected', 'basis', ''], own.map(obligationRow)) +
      pacts.map((p) => `<details class="pact" data-pact="${esc(p.pact)}"><summary>pact ${esc(p.pact)}: ${esc(p.members.length)} members, ${esc(p.obligations)} duties to defend (show them)</summary></details>`).join('')
    : '<p class="muted">No one must defend anyone.</p>');
  if (rep.no_duty && rep.no_duty.length) {
    // Consultation, neutrality, offence: commitments of the world that oblige no one to fight.
    parts.push('<h3>Treaties that oblige no one to fight</h3>');
    parts.push(table(['treaty or pact', 'parties', 'obligation'], rep.no_duty.map((n) => n.pact
      ? `<tr>${td('pact ' + name(n.pact))}${td(n.members.map(name).join(', '))}${td(esc(n.obligation))}</tr>`
      : `<tr>${td('treaty')}${td(n.treaty.map(name).join(n.direction === 'one_way' ? ' to ' : ' and '))}${td(esc((n.direction === 'one_way' ? 'one-way ' : 'mutual ') + n.obligation))}</tr>`)));
  }
  if (rep.supports && rep.supports.length) {
    parts.push('<h3>Support without obligation</h3>');
    parts.push(table(['supporter', 'supported', ''], rep.supports.map((x) => `<tr>${td(name(x.supporter))}${td(name(x.supported))}${td(explainLink('why?', 'supports', '', x.supporter, x.supported))}</tr>`)));
  }
  if (rep.deterrence && rep.deterrence.length) {
    parts.push('<h3>Deterrence</h3>');
    parts.push(table(['state', 'threat', 'coalition', 'ratio', 'nuclear cover', 'verdict', 'reason'],
      rep.deterrence.map((d) => `<tr>${td(name(d.state))}${td(name(d.threat))}${td(esc(d.coalition_text))}${td(esc(d.ratio_rounded ?? '-'), 'num')}${td(esc(d.nuclear_cover))}${td(explainLink(d.verdict || 'no verdict', 'deterrence', d.verdict, d.state, d.threat), `verdict ${esc(d.verdict || 'none')}`)}${td(esc(d.reason))}</tr>`)));
  }
  if (rep.roles) {
    const roles = Array.isArray(rep.roles) ? rep.roles : [rep.roles];
    const lines = roles.flatMap((r) => Object.entries(r)).filter(([, v]) => v && (!Array.isArray(v) || v.length));
    if (lines.length) parts.push('<h3>Roles</h3><ul>' + lines.map(([k, v]) => `<li>${esc(k)}: ${fmtValue(v, name)}</li>`).join('') + '</ul>');
  }
  if (rep.spending_gaps && rep.spending_gaps.length) {
    parts.push('<h3>Spending gaps</h3>');
    parts.push(table(['state', 'spending', 'target', 'gap'], rep.spending_gaps.map((g) => `<tr>${td(name(g.state))}${td(esc(g.spending ?? '-'))}${td(esc(g.target ?? '-'))}${td(esc(g.gap))}</tr>`)));
  }
  if (rep.queries && rep.queries.length) {
    parts.push('<h3>Answers</h3>');
    for (const q of rep.queries) {
      parts.push(`<div class="answer">${sourceLink(q.text, q.location)}<pre>${esc(q.answers ? q.answers.join('\n') : q.explanation || '')}</pre></div>`);
    }
  }
  if (rep.expectations && rep.expectations.length) {
    const tot = rep.expectations_total || {};
    parts.push(`<h3>Expectations: ${esc(tot.passed ?? 0)} hold, ${esc(tot.failed ?? 0)} do not</h3>`);
    parts.push(table(['expectation', 'holds'], rep.expectations.map((x) => `<tr>${td(sourceLink(x.text, x.location))}${td(x.passed ? 'yes' : 'NO', x.passed ? 'pass' : 'fail')}</tr>`)));
  }
  if (rep.scenarios && rep.scenarios.length) {
    parts.push('<h3>Scenarios</h3>');
    for (const sc of rep.scenarios) {
      const summary = sc.summary || sc.summary_text || [];
      parts.push(`<div class="scenario"><h4>${esc(sc.title || sc.name || 'scenario')}</h4><ul>${(Array.isArray(summary) ? summary : [summary]).map((l) => `<li>${esc(l)}</li>`).join('')}</ul></div>`);
    }
  } else if ((state.scenarios || []).length) {
    parts.push('<h3>Scenarios</h3><p class="muted">running the scenarios...</p>');
  }
  out.innerHTML = parts.join('');
}

function stateName(s) {
  const rep = reportOf(state.report);
  return esc((rep && rep.states && rep.states[s]) || s);
}

function obligationRow(o) {
  const basis = o.basis === 'treaty' ? `treaty (${o.direction})` : o.basis === 'pact' ? `pact ${o.pact}` : o.basis === 'rule' ? `rule, ${o.location}` : o.basis;
  return `<tr>${td(stateName(o.defender))}${td(stateName(o.protected))}${td(esc(basis))}${td(explainLink('why?', 'obligations', '', o.defender, o.protected))}</tr>`;
}

// A pact's rows, drawn when its row is opened.
function openPact(details) {
  if (!details.open || details.querySelector('table')) return;
  const rep = reportOf(state.report);
  const rows = rep.obligations.filter((o) => o.basis === 'pact' && o.pact === details.dataset.pact);
  details.insertAdjacentHTML('beforeend', table(['defender', 'protected', 'basis', ''], rows.map(obligationRow)));
}

function fmtValue(v, name) {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? esc(JSON.stringify(x)) : name(x))).join(', ');
  if (typeof v === 'object') return esc(JSON.stringify(v));
  return name(v);
}

// "main.alliance:12:3" → the editor there.
function goToLocation(location) {
  const m = /^(.*):(\d+):(\d+)$/.exec(location || '');
  if (!m || m[1] !== 'main.alliance') return;
  const line = view.state.doc.line(Math.min(Number(m[2]), view.state.doc.lines));
  view.dispatch({ selection: EditorSelection.cursor(line.from + Number(m[3]) - 1), scrollIntoView: true });
  view.focus();
}

// ---- Explanations ----------------------------------------------------------------------------

async function explain(atom, whynot) {
  $('why-atom').value = atom;
  showPane('explain');
  const got = await call(() => JSON.parse(pg.why(atom, whynot)), null);
  const box = $('explanation');
  box.replaceChildren();
  if (!got) return;
  for (const r of got.replies) {
    if (r.kind === 'say') box.append(el('p', {}, r.text));
    else if (r.kind === 'diagnostics') for (const d of r.diagnostics) box.append(el('p', { class: 'diag error' }, d.message + (d.help ? ` (help: ${d.help})` : '')));
    else if (r.kind === 'answer' && r.outcome.explanation) {
      const ex = r.outcome.explanation;
      box.append(el('p', { class: ex.holds ? 'pass' : 'fail' }, ex.holds ? `${atom} holds:` : `${atom} does not hold:`));
      box.append(el('ul', { class: 'tree' }, ...ex.steps.map(stepNode)));
    }
  }
}

function stepNode(step) {
  const li = el('li', { class: `step ${step.kind}` }, step.sentence || step.text);
  if (step.place) {
    const p = step.place;
    const own = p.file === 'main.alliance';
    li.append(' ', own
      ? el('a', { href: '#', class: 'source', onclick: (e) => { e.preventDefault(); goTo(p); } }, `line ${p.line}`)
      : el('span', { class: 'source muted' }, `${p.file === '<prelude>' ? 'standard theory' : p.file} line ${p.line}`));
  }
  if (step.children && step.children.length) li.append(el('ul', {}, ...step.children.map(stepNode)));
  return li;
}

// ---- The picture -----------------------------------------------------------------------------

function fillScenarios() {
  const pick = $('scenario');
  const chosen = pick.value;
  const names = state.scenarios || [];
  const now = [...pick.options].map((o) => o.value).slice(1);
  if (now.join() !== names.join()) {
    pick.replaceChildren(el('option', { value: '' }, 'the world'), ...names.map((n) => el('option', { value: n }, n)));
    if (names.includes(chosen)) pick.value = chosen;
  }
}

async function drawPicture() {
  const box = $('picture');
  if (!state.report) { box.replaceChildren(el('p', { class: 'muted' }, 'The picture appears when the script has no error.')); return; }
  const got = await call(() => JSON.parse(pg.graph($('scenario').value)), null);
  if (!got) return;
  const pic = got.replies.find((r) => r.kind === 'picture');
  if (pic) {
    box.innerHTML = pic.image;
  } else {
    box.replaceChildren(...got.replies.map((r) => el('p', {}, r.text || (r.diagnostics || []).map((d) => d.message).join('; '))));
  }
}

async function setYear() {
  const on = $('year-on').checked;
  const year = Number($('year').value);
  $('year-label').textContent = on ? `as of ${year}` : 'as the script says';
  lastText = text();
  const got = await call(() => JSON.parse(pg.set_year(on ? year : -1, lastText)), null);
  if (!got) return;
  await show(got, lastText);
  if (got.report) {
    const full = await call(() => JSON.parse(pg.full_report()), null);
    if (full) { state.report = full; showReport(); }
  }
}

// ---- The REPL --------------------------------------------------------------------------------

let pending = '';
async function replEnter(line) {
  const log = $('repl-log');
  const entry = pending ? pending + '\n' + line : line;
  log.append(el('div', { class: 'in' }, (pending ? '      ... ' : 'alliance> ') + line));
  if (!pg.repl_complete(entry)) { pending = entry; $('repl-prompt').textContent = '...'; return; }
  pending = '';
  $('repl-prompt').textContent = 'alliance>';
  const got = await call(() => JSON.parse(pg.repl(entry)), { text: '', failed: true });
  if (got.text) log.append(el('pre', { class: got.failed ? 'out failed' : 'out' }, got.text.replace(/\n$/, '')));
  log.scrollTop = log.scrollHeight;
}

// ---- Lessons, files and sharing --------------------------------------------------------------

function currentLesson() {
  const s = scripts.find((x) => x.name === $('script').value);
  return s && s.lesson ? s : null;
}

async function checkAnswer() {
  const lesson = currentLesson();
  const box = $('lesson-result');
  showPane('lesson');
  if (!lesson) { box.replaceChildren(el('p', {}, 'Pick a lesson first.')); return; }
  const got = await call(() => JSON.parse(pg.check_lesson(lesson.name, text())), null);
  if (!got) return;
  if (got.error) { box.replaceChildren(el('pre', { class: 'failed' }, got.error)); return; }
  const held = got.checks.filter((c) => c.passed).length;
  const all = held === got.checks.length;
  box.innerHTML = `<p class="${all ? 'pass' : 'fail'}">${held} of ${got.checks.length} expectations of the solution hold.</p>` +
    table(['expectation', 'holds'], got.checks.map((c) => `<tr title="${esc(c.output)}">${td(`<code>${esc(c.expect)}</code>`)}${td(c.passed ? 'yes' : 'not yet', c.passed ? 'pass' : 'fail')}</tr>`));
}

function showLessonText() {
  const lesson = currentLesson();
  $('check').disabled = !lesson;
  $('lesson-intro').textContent = lesson
    ? 'The instructions are the comments at the top of the script. Fill in the blanks, then press "Check my answer".'
    : 'This script is an example, not a lesson: pick a lesson (01 to 09) to check an answer.';
}

async function bytesToB64url(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function b64urlToBytes(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}
async function shareLink() {
  const packed = await pipe(new TextEncoder().encode(text()), new CompressionStream('deflate-raw'));
  const url = location.href.replace(/#.*$/, '') + '#s=' + await bytesToB64url(packed);
  window.history.replaceState(null, '', url);
  $('share-url').value = url;
  $('share-url').hidden = false;
  $('share-url').select();
  try { await navigator.clipboard.writeText(url); $('status').textContent = 'link copied'; } catch (_) { /* file:// may forbid it */ }
  return url;
}
async function fromLink() {
  const m = /#s=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (!m) return null;
  try {
    return new TextDecoder().decode(await pipe(b64urlToBytes(m[1]), new DecompressionStream('deflate-raw')));
  } catch (_) {
    return null;
  }
}

function save() {
  const name = ($('script').value || 'script') + '.alliance';
  const a = el('a', { href: URL.createObjectURL(new Blob([text()], { type: 'text/plain' })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}
async function load(file) {
  setText(await file.text());
}

function showPane(name) {
  for (const p of document.querySelectorAll('.pane')) p.hidden = p.id !== 'pane-' + name;
  for (const b of document.querySelectorAll('.tab')) b.classList.toggle('active', b.dataset.pane === name);
  if (name === 'picture') drawPicture();
}

// ---- Start -----------------------------------------------------------------------------------

async function main() {
  const begun = performance.now();
  await start();
  keywordSet = new Set(JSON.parse(core.keywords()));
  scripts = JSON.parse(pg.scripts());
  const pick = $('script');
  pick.replaceChildren(...scripts.map((s) => el('option', { value: s.name }, (s.lesson ? 'Lesson ' : 'Example: ') + s.name.replace(/_/g, ' '))));
  const shared = await fromLink();
  makeEditor(shared ?? scripts[0].text);
  if (shared != null) pick.value = '';
  pick.addEventListener('change', () => {
    const s = scripts.find((x) => x.name === pick.value);
    if (s) setText(s.text);
    showLessonText();
  });
  for (const b of document.querySelectorAll('.tab')) b.addEventListener('click', () => showPane(b.dataset.pane));
  $('report').addEventListener('click', (e) => {
    const link = e.target.closest('a');
    if (!link) return;
    e.preventDefault();
    if (link.dataset.atom) explain(link.dataset.atom, false);
    else if (link.dataset.location) goToLocation(link.dataset.location);
  });
  $('report').addEventListener('toggle', (e) => { if (e.target.matches('details.pact')) openPact(e.target); }, true);
  $('scenario').addEventListener('change', drawPicture);
  $('year').addEventListener('input', setYear);
  $('year-on').addEventListener('change', setYear);
  $('why-form').addEventListener('submit', (e) => { e.preventDefault(); explain($('why-atom').value, false); });
  $('whynot').addEventListener('click', () => explain($('why-atom').value, true));
  $('repl-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const line = $('repl-input').value;
    $('repl-input').value = '';
    replEnter(line);
  });
  $('check').addEventListener('click', checkAnswer);
  $('share').addEventListener('click', shareLink);
  $('save').addEventListener('click', save);
  $('open').addEventListener('change', (e) => e.target.files[0] && load(e.target.files[0]));
  showLessonText();
  showPane('report');
  await refresh();
  window.playgroundLoad = performance.now() - begun;
  document.body.dataset.ready = 'yes';
}

window.addEventListener('hashchange', async () => {
  const t = await fromLink();
  if (t != null && t !== text()) setText(t);
});

main().catch((e) => {
  showCrash(String(e));
});
