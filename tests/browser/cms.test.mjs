// The browser editor end to end: the shipped atlas (its cms: section
// pointed at a local decap-server on loopback) is built and served with
// the /admin/ Content-Security-Policy of netlify.toml; in headless
// Chromium a program is created through the form and an organization's
// field is changed and saved; the files on disk are what a person would
// write and `atlas check` passes. Screenshots for docs/authoring.md are
// written when UPDATE_SCREENSHOTS=1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../support/browser.mjs';
import { fileHandler } from '../support/server.mjs';
import { REPO, atlasBinary } from '../support/site.mjs';

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(REPO, 'docs', 'images') : null;

/* The policy netlify.toml gives /admin/. */
export function adminCsp() {
  const toml = readFileSync(join(REPO, 'netlify.toml'), 'utf8');
  const block = toml.split('[[headers]]').find((b) => /for\s*=\s*"\/admin\/\*"/.test(b));
  const m = block?.match(/Content-Security-Policy\s*=\s*"([^"]+)"/);
  if (!m) throw new Error('netlify.toml gives /admin/* no Content-Security-Policy');
  return m[1];
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const env = {};

before(async () => {
  env.root = mkdtempSync(join(tmpdir(), 'atlas-cms-'));
  for (const part of ['atlas.yaml', 'content', 'seeds', 'themes']) cpSync(join(REPO, part), join(env.root, part), { recursive: true });
  env.port = await freePort();
  const yaml = readFileSync(join(env.root, 'atlas.yaml'), 'utf8');
  assert.match(yaml, /^cms:/m, 'the shipped atlas has a cms: section');
  writeFileSync(join(env.root, 'atlas.yaml'), yaml.replace(/^(\s+local_backend:).*$/m, `$1 http://127.0.0.1:${env.port}/api/v1`));
  env.decap = spawn(process.execPath, [join(REPO, 'node_modules/decap-server/dist/index.js')], {
    env: { ...process.env, PORT: String(env.port), BIND_HOST: '127.0.0.1', MODE: 'fs', GIT_REPO_DIRECTORY: env.root, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise((resolve, reject) => {
    let out = '';
    env.decap.stdout.on('data', (d) => {
      out += d;
      if (out.includes('listening')) resolve();
    });
    env.decap.on('exit', (code) => reject(new Error(`decap-server exited (${code}): ${out}`)));
  });
  const out = join(env.root, 'public');
  execFileSync(atlasBinary(), ['build', '--root', env.root, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  // The published policy; on a developer's machine the local backend is
  // another origin, which only this test (like `atlas serve`) allows.
  const csp = adminCsp().replace('connect-src', `connect-src http://127.0.0.1:${env.port}`);
  const handler = fileHandler(out, { csp });
  env.server = createServer(handler);
  await new Promise((r) => env.server.listen(0, '127.0.0.1', r));
  env.url = `http://127.0.0.1:${env.server.address().port}`;
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  env.server?.close();
  env.decap?.kill();
  if (env.root) rmSync(env.root, { recursive: true, force: true });
});

const check = () => {
  try {
    execFileSync(atlasBinary(), ['check', '--root', env.root], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    return '';
  } catch (e) {
    return String(e.stderr);
  }
};

async function openEditor() {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('requestfailed', (r) => problems.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  await page.goto(env.url + '/admin/');
  const login = page.getByRole('button', { name: /ログイン|Login/ });
  await login.click();
  await page.getByRole('link', { name: /支援施策/ }).first().waitFor();
  return { page, problems };
}

test('the editor loads from our own origin under its CSP and speaks Japanese', async () => {
  const { page, problems } = await openEditor();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'cms-collections.png') });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(env.url + '/admin/#/collections/organizations');
  await page.getByText('新しい支援機関').or(page.getByText(/支援機関/)).first().waitFor();
  for (const url of requests) assert.ok(url.startsWith(env.url) || url.startsWith(`http://127.0.0.1:${env.port}`) || url.startsWith('data:') || url.startsWith('blob:'), url);
  assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
  await page.close();
});
