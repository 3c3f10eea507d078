// Builds a site with the atlas binary for the JS tests and the benchmark.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/* The atlas binary: $ATLAS_BIN, else the newest of target/{release,debug}/atlas
 * (scripts/test has just built the release one), else a fresh debug build. */
export function atlasBinary() {
  if (process.env.ATLAS_BIN) return process.env.ATLAS_BIN;
  const built = ['release', 'debug']
    .map((p) => join(REPO, 'target', p, 'atlas'))
    .filter(existsSync)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (built.length) return built[0];
  execFileSync('cargo', ['build', '--quiet'], { cwd: REPO, stdio: 'inherit' });
  return join(REPO, 'target', 'debug', 'atlas');
}

/* Builds the site at `root` (default: the shipped atlas) into a new
 * temporary folder, removed when the process exits, and returns the folder. */
export function buildSite(root = REPO) {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-site-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'public');
  execFileSync(atlasBinary(), ['build', '--root', root, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  return out;
}

/* The index URL the search page of a built site points at. */
export function indexUrl(site) {
  const html = readFileSync(join(site, 'search', 'index.html'), 'utf8');
  const m = html.match(/data-index="?([^" >]+)/);
  if (!m) throw new Error('no data-index on the search page');
  return m[1];
}

/* The search client as a built site publishes it (minified, under its
 * hashed name), loaded as the node tests use it; the site is built once
 * per process unless given. */
let clientSite;
export function builtClient(site) {
  site ??= clientSite ??= buildSite();
  const assets = join(site, 'assets');
  const file = readdirSync(assets).find((f) => /^search\.[0-9a-f]+\.js$/.test(f));
  if (!file) throw new Error(`no search client in ${assets}`);
  return createRequire(import.meta.url)(join(assets, file));
}

/* The attributes of every `<name …>` tag of a (minified) page, as objects;
 * minify-html orders attributes and drops quotes where it can. */
export function tags(html, name) {
  return [...html.matchAll(new RegExp(`<${name}(\\s[^>]*)?>`, 'g'))].map((m) => {
    const attrs = {};
    for (const a of (m[1] ?? '').matchAll(/([^\s=>]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      attrs[a[1]] = (a[2] ?? a[3] ?? a[4] ?? '').replaceAll('&amp;', '&').replaceAll('&quot;', '"');
    }
    return attrs;
  });
}

/* A site root with the shipped configuration, taxonomies, synonyms, theme
 * and source registry and the records of tests/fixtures/search (the small
 * corpus of tests/vectors/search.json), in a temporary folder removed when
 * the process exits. tests/search_vectors.rs makes the same root. */
export function searchFixtureRoot() {
  const root = mkdtempSync(join(tmpdir(), 'atlas-search-fixture-'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  for (const part of ['atlas.yaml', 'themes', 'seeds', 'content/taxonomies', 'content/synonyms.yaml']) {
    cpSync(join(REPO, part), join(root, part), { recursive: true });
  }
  cpSync(join(REPO, 'tests/fixtures/search'), root, { recursive: true });
  return root;
}
