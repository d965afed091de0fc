// The playground in a real browser: Debian's Chromium driven by playwright-core, on the built
// page (web/dist) opened from a file:// URL. Run by web/test.sh after web/build.sh.
//
// Screenshots go to docs/ (docs/playground.png and docs/playground-*.png); figures measured in
// the page (report and picture after a keystroke, first load) to web/test-results/figures.json,
// which docs/performance.md quotes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const web = resolve(here, '..');
const dist = join(web, 'dist');
const docs = resolve(web, '..', 'docs');
const results = join(web, 'test-results');
const pageUrl = pathToFileURL(join(dist, 'index.html')).href;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

let browser;
let page;
const foreign = [];
const figures = {};

async function open(url = pageUrl) {
  const p = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  p.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('file://') && !u.startsWith('data:') && !u.startsWith('blob:') && !u.startsWith('http://127.0.0.1')) foreign.push(u);
  });
  p.on('pageerror', (e) => foreign.push('page error: ' + e.message));
  p.on('console', (m) => { if (m.type() === 'error') console.log('browser console: ' + m.text()); });
  await p.goto(url);
  await p.waitForSelector('body[data-ready="yes"]', { timeout: 20000 });
  return p;
}

// Replaces the editor's text and waits until the core has answered it.
async function type(p, text) {
  if ((await editorText(p)) === text) return;
  const n = Number(await p.evaluate(() => document.body.dataset.updated || 0));
  await p.evaluate((t) => {
    const v = window.playgroundEditor;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: t } });
  }, text);
  await p.waitForFunction((m) => Number(document.body.dataset.updated || 0) > m, n, { timeout: 10000 });
}

async function editorText(p) {
  return p.evaluate(() => window.playgroundEditor.state.doc.toString());
}

before(async () => {
  assert.ok(existsSync(join(dist, 'index.html')), 'web/dist is missing: run web/build.sh first');
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-default-apps', '--disable-sync', '--no-first-run', '--disable-features=Translate,MediaRouter',
      '--allow-file-access-from-files'],
  });
  mkdirSync(results, { recursive: true });
  const begun = Date.now();
  page = await open();
  figures.first_load_ms_from_file = Date.now() - begun;
  figures.first_load_ms_in_page = await page.evaluate(() => window.playgroundLoad);
  mkdirSync(results, { recursive: true });
});

after(async () => {
  if (browser) await browser.close();
  figures.wasm_bytes = existsSync(join(web, 'pkg', 'alliance_web_bg.wasm')) ? statSync(join(web, 'pkg', 'alliance_web_bg.wasm')).size : null;
  figures.script_bytes = statSync(join(dist, 'playground.js')).size;
  writeFileSync(join(results, 'figures.json'), JSON.stringify(figures, null, 2) + '\n');
  console.log('figures: ' + JSON.stringify(figures));
});

let seedText;
test('the seed world is reported as tables on opening', async () => {
  seedText = await editorText(page);
  assert.match(await page.textContent('#report'), /Who must defend whom/);
  const rows = await page.$$eval('#report table tbody tr', (r) => r.length);
  assert.ok(rows > 10, `only ${rows} rows`);
  assert.match(await page.textContent('#report'), /Deterrence/);
  assert.match(await page.textContent('#report'), /exposed|deterred/);
  // The US-Japan consultation duty, which obliges no one to fight, is listed too.
  assert.match(await page.textContent('#report'), /oblige no one to fight.*United States and Japan.*mutual consultation/);
  // NATO's duties are one row, opened on demand.
  const pact = await page.$('#report details.pact[data-pact="NATO"]');
  assert.ok(pact, 'no row for NATO');
  await page.click('#report details.pact[data-pact="NATO"] summary');
  // (the toggle event that draws the rows comes after the click, not with it)
  await page.waitForSelector('#report details.pact[data-pact="NATO"] tbody tr');
  const duties = await page.$$eval('#report details.pact[data-pact="NATO"] tbody tr', (r) => r.length);
  assert.match(await page.textContent('#report details.pact[data-pact="NATO"] summary'), new RegExp(`${duties} duties`));
  assert.ok(duties > 500, `${duties} NATO duties`);
  await page.click('#report details.pact[data-pact="NATO"] summary');
  assert.match(await page.textContent('#problems-title'), /no problems|warning/);
  await page.screenshot({ path: join(docs, 'playground.png') });
});

test('a misspelt name is underlined with its help, and clears when fixed', async () => {
  const seed = await editorText(page);
  await type(page, 'state US { gdp: 27T, nuclear: yes }\nstate Japan { gdp: 4T }\ntreaty US Japn one_way\n');
  await page.waitForSelector('.cm-lintRange-error');
  const underlined = await page.textContent('.cm-lintRange-error');
  assert.equal(underlined, 'Japn');
  const problems = await page.textContent('#problems');
  assert.match(problems, /Japn/);
  assert.match(problems, /help: .*Japan/);
  assert.match(await page.textContent('#problems-title'), /1 error/);
  assert.match(await page.textContent('#report'), /appears when the script has no error/);
  await page.screenshot({ path: join(docs, 'playground-error.png') });
  await type(page, 'state US { gdp: 27T, nuclear: yes }\nstate Japan { gdp: 4T }\ntreaty US Japan one_way\n');
  assert.equal(await page.$$eval('.cm-lintRange-error', (e) => e.length), 0);
  assert.doesNotMatch(await page.textContent('#problems-title'), /error/);
  assert.match(await page.textContent('#report'), /Who must defend whom.*USJapan/);
  await type(page, seed);
});

test('completion offers the names of the world', async () => {
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n? defends(US, Jap');
  await page.waitForSelector('.cm-tooltip-autocomplete', { timeout: 5000 });
  const options = await page.$$eval('.cm-completionLabel', (e) => e.map((x) => x.textContent));
  assert.ok(options.includes('Japan'), options.join(','));
  await page.keyboard.press('Escape');
  await type(page, await editorText(page).then((t) => t.replace(/\n\? defends\(US, Jap$/, '')));
});

test('clicking a verdict shows its explanation, whose source links move the editor', async () => {
  await type(page, seedText);
  const link = await page.$('#report td.verdict a');
  const atom = await link.getAttribute('data-atom');
  assert.match(atom, /^(deters|exposed|undetermined)\(\w+, \w+\)$/);
  await link.click();
  await page.waitForSelector('#explanation .tree li');
  const tree = await page.textContent('#explanation');
  assert.match(tree, /holds:/);
  const source = await page.$('#explanation a.source');
  assert.ok(source, 'no source-line link in the explanation');
  const line = Number((await source.textContent()).replace('line ', ''));
  await source.click();
  const cursorLine = await page.evaluate(() => {
    const v = window.playgroundEditor;
    return v.state.doc.lineAt(v.state.selection.main.head).number;
  });
  assert.equal(cursorLine, line);
  await page.screenshot({ path: join(docs, 'playground-why.png') });
});

test('why-not explains a fact that does not hold', async () => {
  await page.click('.tab[data-pane="explain"]');
  await page.fill('#why-atom', 'defends(Japan, US)');
  await page.click('#whynot');
  await page.waitForSelector('#explanation .tree li');
  assert.match(await page.textContent('#explanation'), /does not hold/);
});

test('the picture is the SVG of the world, redrawn for a scenario and a year', async () => {
  await type(page, seedText);
  await page.click('.tab[data-pane="picture"]');
  await page.waitForSelector('#picture svg');
  const world = await page.innerHTML('#picture');
  const names = await page.$$eval('#scenario option', (o) => o.map((x) => x.value).filter(Boolean));
  assert.ok(names.length > 0, 'no scenario to pick');
  await page.selectOption('#scenario', names[0]);
  await page.waitForFunction((w) => document.querySelector('#picture').innerHTML !== w, world);
  assert.ok((await page.innerHTML('#picture')).startsWith('<svg'));
  await page.screenshot({ path: join(docs, 'playground-picture.png') });
  await page.selectOption('#scenario', '');
  await page.check('#year-on');
  await page.$eval('#year', (e) => { e.value = '1955'; e.dispatchEvent(new Event('input')); });
  await page.waitForFunction(() => /As of 1955/.test(document.querySelector('#report').textContent));
  assert.match(await page.textContent('#year-label'), /as of 1955/);
  await page.uncheck('#year-on');
  await page.waitForFunction(() => !/As of 1955/.test(document.querySelector('#report').textContent));
});

test('the REPL takes the lines and commands of alliance repl', async () => {
  await page.click('.tab[data-pane="repl"]');
  for (const line of ['state US { gdp: 27T, nuclear: yes }', 'state Japan {', 'gdp: 4T }', 'treaty US Japan one_way', '? defends(US, x)', ':help']) {
    await page.fill('#repl-input', line);
    await page.press('#repl-input', 'Enter');
  }
  await page.waitForFunction(() => /:load/.test(document.querySelector('#repl-log').textContent));
  const log = await page.textContent('#repl-log');
  assert.match(log, /x = Japan|Japan/);
  assert.match(log, /      \.\.\. gdp: 4T \}/);
});

test('a lesson is checked against its solution\'s expectations', async () => {
  await page.selectOption('#script', '01_treaties');
  await page.waitForFunction(() => /Lesson 1/.test(document.querySelector('.cm-content').textContent));
  await page.click('#check');
  await page.waitForSelector('#lesson-result table');
  const before = await page.textContent('#lesson-result');
  assert.match(before, /of \d+ expectations of the solution hold/);
  assert.match(before, /not yet/);
  const answer = readFileSync(resolve(web, '..', 'examples/course/01_treaties_solution.alliance'), 'utf8');
  await type(page, answer);
  await page.click('#check');
  await page.waitForFunction(() => !/not yet/.test(document.querySelector('#lesson-result').textContent));
  const m = /(\d+) of (\d+) expectations/.exec(await page.textContent('#lesson-result'));
  assert.equal(m[1], m[2]);
  await page.screenshot({ path: join(docs, 'playground-lesson.png') });
});

test('a shared link holds the script, compressed, and opens to the same script', async () => {
  const script = '# shared\n' + seedText;
  await type(page, script);
  await page.click('#share');
  await page.waitForFunction(() => /#s=/.test(location.href));
  const url = await page.evaluate(() => location.href);
  const packed = url.length - url.indexOf('#s=') - 3;
  assert.ok(packed < script.length / 2, `the link holds ${packed} characters for ${script.length}`);
  const other = await open(url);
  assert.equal(await editorText(other), script);
  assert.match(await other.textContent('#report'), /Deterrence/);
  await other.close();
});

test('a file is opened from the disk and saved to it', async () => {
  const file = join(results, 'opened.alliance');
  writeFileSync(file, 'state France { gdp: 3T }\nstate Italy { gdp: 2T }\ntreaty France Italy mutual\n');
  await page.setInputFiles('#open', file);
  await page.waitForFunction(() => /France/.test(document.querySelector('.cm-content').textContent));
  await page.waitForFunction(() => /France/.test(document.querySelector('#report').textContent));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
  const saved = join(results, 'saved.alliance');
  await download.saveAs(saved);
  assert.equal(readFileSync(saved, 'utf8'), readFileSync(file, 'utf8'));
});

test('nothing typed crashes the page', async () => {
  for (const t of ['state', 'treaty ( ( (', '"unclosed', 'rule x(a) if x(a)\n? x(A)', 'é ü 中文 state É', 'scenario { remove', '\u0000\u0001', 'state A { gdp: 1e999999T }']) {
    await type(page, t);
  }
  assert.equal(await page.isHidden('#crash'), true, await page.textContent('#crash'));
  await type(page, 'state US { gdp: 27T }\n');
  assert.match(await page.textContent('#problems-title'), /no problems|warning/);
});

test('a panic of the core is shown, and the page carries on with a fresh core', async () => {
  const p = await open();
  await p.evaluate(() => window.playgroundPanic());
  assert.equal(await p.isVisible('#crash'), true);
  assert.match(await p.textContent('#crash'), /a panic asked for by the page's test/);
  await type(p, 'state US { gdp: 27T, nuclear: yes }\nstate Japan { gdp: 4T }\ntreaty US Japn one_way\n');
  await p.waitForSelector('.cm-lintRange-error');
  await type(p, 'state US { gdp: 27T, nuclear: yes }\nstate Japan { gdp: 4T }\ntreaty US Japan one_way\n');
  assert.match(await p.textContent('#report'), /Who must defend whom.*USJapan/);
  await p.close();
});

// Each edit changes a figure of the world (the US's GDP), so the report really changes; the
// report tab is on screen, as after a keystroke; then the same with the picture on screen.
async function measure(p, seed, tab) {
  await p.click(`.tab[data-pane="${tab}"]`);
  const all = [];
  const core = [];
  const wasm = [];
  const full = [];
  for (let i = 0; i < 15; i++) {
    await type(p, seed.replace('gdp: 27.36T', `gdp: 27.${40 + i}T`));
    const last = (name) => p.evaluate((n) => window[n][window[n].length - 1], name);
    all.push(await last('playgroundTimings'));
    core.push(await last('playgroundCore'));
    wasm.push(await last('playgroundWasm'));
    full.push(await last('playgroundFull'));
  }
  // The first edits run before the browser has optimised the WebAssembly: the median of the
  // last ten.
  const median = (xs) => [...xs.slice(-10)].sort((a, b) => a - b)[5];
  const round = (x) => Math.round(x * 10) / 10;
  return { core_call: round(median(wasm)), core_and_json: round(median(core)), drawn: round(median(all)), drawn_max: round(Math.max(...all.slice(-10))), with_scenarios_drawn: round(median(full)) };
}

test('report and picture after a keystroke on the seed world, measured', async () => {
  const p = await open();
  const seed = await editorText(p);
  assert.match(seed, /gdp: 27\.36T/);
  figures.keystroke_ms_report = await measure(p, seed, 'report');
  assert.match(await p.textContent('#report'), /Deterrence/);
  figures.keystroke_ms_report_and_picture = await measure(p, seed, 'picture');
  assert.ok((await p.innerHTML('#picture')).startsWith('<svg'));
  await p.close();
});

test('the page works from a static server and asks no other host', async () => {
  const server = createServer((req, res) => {
    const path = join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/$/, '/index.html'));
    if (!existsSync(path) || !path.startsWith(dist)) { res.writeHead(404); res.end(); return; }
    const types = { html: 'text/html', js: 'text/javascript', css: 'text/css' };
    res.writeHead(200, { 'content-type': types[path.split('.').pop()] || 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const p = await open(`http://127.0.0.1:${server.address().port}/`);
  assert.match(await p.textContent('#report'), /Who must defend whom/);
  await p.close();
  server.close();
  assert.deepEqual(foreign, []);
});
