// The browser editor (/admin/, Decap CMS) end to end, as an editor uses it
// on a computer with a checkout: a temporary copy of the shipped atlas, its
// cms: section pointed at Decap's local backend (npm decap-server, on
// loopback, writing files), previewed with `atlas serve` (which sends
// netlify.toml's /admin/ policy). In headless Chromium a program is created
// through the form (text fields, a citation, a taxonomy select, a relation
// searched by name, the Markdown body) and an organization's field is
// changed; the files on disk are exactly what we expect (fields in the
// registry's order, the body kept) and `atlas check` passes on the copy.
// A form with a required field left empty shows the error and writes
// nothing. With UPDATE_SCREENSHOTS=1 the screenshots of docs/authoring.md
// (ブラウザで更新する) are written to docs/images/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../support/browser.mjs';
import { CSP, netlifyHeadersFor } from '../support/server.mjs';
import { REPO, atlasBinary } from '../support/site.mjs';

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(REPO, 'docs', 'images') : null;
const env = {};

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/* Resolves with the first line of `child`'s stdout that matches `pattern`. */
function waitForLine(child, pattern, what) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(pattern);
      if (m) resolve(m);
    });
    child.on('exit', (code) => reject(new Error(`${what} exited (${code}): ${out}`)));
  });
}

async function until(condition, what, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  env.root = mkdtempSync(join(tmpdir(), 'atlas-cms-'));
  for (const part of ['atlas.yaml', 'content', 'seeds', 'themes', 'templates', 'static']) {
    if (existsSync(join(REPO, part))) cpSync(join(REPO, part), join(env.root, part), { recursive: true });
  }
  const port = await freePort();
  env.decapOrigin = `http://127.0.0.1:${port}`;
  const yaml = readFileSync(join(env.root, 'atlas.yaml'), 'utf8');
  assert.match(yaml, /^cms:\n(  .*\n)*  local_backend: true$/m, 'the shipped atlas has a cms: section with the local backend');
  writeFileSync(join(env.root, 'atlas.yaml'), yaml.replace(/^( {2}local_backend:).*$/m, `$1 ${env.decapOrigin}/api/v1`));
  env.decap = spawn(process.execPath, [join(REPO, 'node_modules/decap-server/dist/index.js')], {
    env: { ...process.env, PORT: String(port), BIND_HOST: '127.0.0.1', MODE: 'fs', GIT_REPO_DIRECTORY: env.root, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForLine(env.decap, /listening/, 'decap-server');
  env.serve = spawn(atlasBinary(), ['serve', '--port', '0', '--root', env.root], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  env.url = (await waitForLine(env.serve, /http:\/\/127\.0\.0\.1:\d+/, 'atlas serve'))[0];
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  env.serve?.kill();
  env.decap?.kill();
  if (env.root) rmSync(env.root, { recursive: true, force: true });
});

function atlasCheck() {
  try {
    execFileSync(atlasBinary(), ['check', '--root', env.root], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ATLAS_LANG: 'en' } });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  }
}

/* A logged-in editor (the local backend's login button) with the
 * problems the page reports collected. */
async function openEditor(hash = '') {
  const page = await env.browser.newPage({ viewport: { width: 1100, height: 760 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const problems = [];
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && !/favicon|status of 404/.test(m.text()) && problems.push(m.text()));
  page.on('requestfailed', (r) => problems.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`));
  await page.goto(`${env.url}/admin/`);
  const login = page.getByRole('button', { name: 'ログイン' });
  await login.waitFor();
  if (SHOTS && !hash) await page.screenshot({ path: join(SHOTS, 'cms-login.png') });
  await login.click();
  await page.getByRole('link', { name: '支援施策' }).first().waitFor();
  if (hash) await page.goto(`${env.url}/admin/#${hash}`);
  return { page, problems, requests };
}

/* The input of the form field `name` (Decap gives it the id
 * `<name>-field-<n>`; labels come from the registry and may change). */
const field = (page, name) => page.locator(`[id^="${name}-field-"]`).first();

/* Picks an option of a select or relation field: types into it, as a
 * person searching, and clicks the option. */
async function choose(page, name, typed, option) {
  const input = field(page, name);
  await input.click();
  await input.pressSequentially(typed);
  await page.getByRole('option', { name: option }).first().click();
}

async function publish(page) {
  await page.getByRole('button', { name: '公開', exact: true }).click();
  await page.getByRole('menuitem', { name: '公開する' }).click();
}

/* Today in Japan, YYYY-MM-DD, as the date picker's 現時刻 writes it. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());

/* The field names of a kind's form, in order, from the published config. */
function formFields(kind) {
  const block = env.config.split(/^- name: /m).find((b) => b.startsWith(`${kind}\n`));
  return [...block.matchAll(/^ {2}- name: (\S+)$/gm)].map((m) => m[1]);
}

test('/admin/ is served under its own policy, the rest of the site under the strict one', async () => {
  const admin = await fetch(`${env.url}/admin/`);
  assert.equal(admin.status, 200);
  const published = netlifyHeadersFor('/admin/');
  assert.notEqual(published['Content-Security-Policy'], CSP, 'netlify.toml gives /admin/* its own policy');
  const local = published['Content-Security-Policy'].replace("connect-src 'self'", `connect-src 'self' ${env.decapOrigin}`);
  assert.equal(admin.headers.get('content-security-policy'), local, "atlas serve sends netlify.toml's /admin/ policy plus decap-server's origin");
  assert.equal(admin.headers.get('x-robots-tag'), published['X-Robots-Tag']);
  const html = await admin.text();
  assert.match(html, /<meta content="noindex, nofollow" name="?robots"?>/);
  assert.match(html, /<script src="?\/assets\/decap-cms\.[0-9a-f]{10}\.js"?><\/script>/);
  const programs = await fetch(`${env.url}/programs/`);
  assert.equal(programs.headers.get('content-security-policy'), CSP, 'pages for readers keep the strict policy');
  env.config = await (await fetch(`${env.url}/admin/config.yml`)).text();
  const sitemap = await (await fetch(`${env.url}/sitemap.xml`)).text();
  assert.doesNotMatch(sitemap, /\/admin\//, 'the editor is not in the sitemap');
});

test('the editor loads only from this origin and decap-server, in Japanese, without errors', async () => {
  const { page, problems, requests } = await openEditor();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'cms-collections.png') });
  await page.getByText('支援機関').first().waitFor();
  for (const url of requests) {
    assert.ok(url.startsWith(env.url) || url.startsWith(env.decapOrigin) || /^(data|blob):/.test(url), `request to another origin: ${url}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a program created through the form is the file a person writes, and passes atlas check', async () => {
  const { page, problems } = await openEditor('/collections/programs/new');
  await field(page, 'id').fill('tesuto-hojokin');
  await field(page, 'name').fill('テスト試作開発補助金');
  await field(page, 'summary').fill('市内の中小企業が医療機器を試作するときの費用を補助する制度。');
  await page.getByRole('button', { name: 'Add 出典' }).click();
  await choose(page, 'source', 'meti', /（meti-health-strategy-2015）/);
  await choose(page, 'support_areas', '研究', '研究開発');
  await choose(page, 'implementers', '医療研究開発', '国立研究開発法人日本医療研究開発機構');
  await page.locator('[data-slate-editor]').first().click();
  await page.keyboard.type('試作の費用の一部を補助します。');
  // The date is required: publishing without it is refused, nothing is written.
  await publish(page);
  await page.getByText('すべての必須項目を入力してください').first().waitFor();
  const error = page.locator('[class*=ErrorsList] li');
  assert.deepEqual(await error.allInnerTexts(), ['最終更新日は必須です。']);
  await error.first().scrollIntoViewIfNeeded();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'cms-error.png') });
  const file = join(env.root, 'content/programs/tesuto-hojokin.md');
  assert.ok(!existsSync(file), 'a refused form writes nothing');
  await page.getByText('現時刻', { exact: true }).click();
  await field(page, 'summary').scrollIntoViewIfNeeded();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'cms-new-program.png') });
  await publish(page);
  const written = await until(() => existsSync(file) && readFileSync(file, 'utf8'), file);
  assert.equal(
    written,
    [
      '---',
      'id: tesuto-hojokin',
      'name: テスト試作開発補助金',
      'summary: 市内の中小企業が医療機器を試作するときの費用を補助する制度。',
      'sources:',
      '  - source: meti-health-strategy-2015',
      `updated: ${today()}`,
      'implementers:',
      '  - amed',
      'support_areas:',
      '  - research',
      '---',
      '試作の費用の一部を補助します。',
      '',
    ].join('\n'),
  );
  assert.equal(atlasCheck(), '', 'atlas check passes on what the editor wrote');
  // atlas serve rebuilds: the new program is a page of the preview.
  await until(async () => (await fetch(`${env.url}/programs/tesuto-hojokin/`)).status === 200, 'the preview of the new program');
  assert.deepEqual(problems.filter((p) => !/^undefined$/.test(p)), []);
  await page.close();
});

test("an organization's field changed in the form keeps the rest of its file", async () => {
  const file = join(env.root, 'content/organizations/amed.md');
  const before = readFileSync(file, 'utf8');
  const { page, problems } = await openEditor('/collections/organizations/entries/amed');
  const summary = field(page, 'summary');
  await summary.waitFor();
  const changed = '医療分野の研究開発を各府省から受けて実施し、医療機器開発支援ネットワークの事務局を担う国立研究開発法人。';
  await summary.fill(changed);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'cms-edit-organization.png') });
  await publish(page);
  const written = await until(() => readFileSync(file, 'utf8') !== before && readFileSync(file, 'utf8'), 'the saved organization');
  // Expected: the same fields and body; the summary changed; fields in the
  // order of the form (the registry's), as `atlas new` writes them.
  const [, front, body] = before.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
  const blocks = new Map();
  for (const block of front.split(/\n(?=[a-z_]+:)/)) blocks.set(block.split(':')[0], block);
  blocks.set('summary', `summary: ${changed}`);
  const order = formFields('organizations');
  const expected = `---\n${[...blocks.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((k) => blocks.get(k)).join('\n')}\n---\n${body}`;
  assert.equal(written, expected);
  assert.equal(atlasCheck(), '', 'atlas check passes on what the editor wrote');
  assert.deepEqual(problems, []);
  await page.close();
});
