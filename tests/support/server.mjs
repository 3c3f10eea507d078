// A small static file server for built sites, on 127.0.0.1 with the
// Content-Security-Policy of netlify.toml, so that tests see what readers see.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};

/* The Content-Security-Policy the site is published with, read from
 * netlify.toml so that tests run under exactly the production policy. */
export const CSP = (() => {
  const toml = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../netlify.toml'), 'utf8');
  const m = toml.match(/Content-Security-Policy\s*=\s*"([^"]+)"/);
  if (!m) throw new Error('netlify.toml has no Content-Security-Policy');
  return m[1];
})();

/* The [[headers]] rules of netlify.toml, in order: [{ pattern, values }],
 * where a pattern is a path with an optional trailing `*`. */
export const NETLIFY_HEADERS = (() => {
  const toml = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../netlify.toml'), 'utf8');
  const rules = [];
  for (const block of toml.split(/^\[\[headers\]\]\s*$/m).slice(1)) {
    const section = block.split(/^\[\[(?!headers\.)/m)[0];
    const pattern = section.match(/^\s*for\s*=\s*"([^"]+)"/m)?.[1];
    const values = {};
    const body = section.split(/^\s*\[headers\.values\]\s*$/m)[1] ?? '';
    for (const [, key, value] of body.matchAll(/^\s*([A-Za-z0-9-]+)\s*=\s*"([^"]*)"/gm)) values[key] = value;
    if (pattern) rules.push({ pattern, values });
  }
  return rules;
})();

/* The headers netlify.toml gives the file at `path`. */
export function netlifyHeadersFor(path) {
  const out = {};
  for (const { pattern, values } of NETLIFY_HEADERS) {
    const matches = pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    if (matches) Object.assign(out, values);
  }
  return out;
}

/* Types a CDN compresses on the fly (Netlify does so for text types). */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.txt', '.svg', '.wasm']);

/* Serves `root`; resolves to {url, close}. `csp` false leaves the header
 * out (Pagefind's client needs 'wasm-unsafe-eval'); `gzip` serves as a CDN
 * would: text types compressed for clients that accept it, files from
 * memory once read. */
export function serve(root, options = {}) {
  const server = createServer(fileHandler(root, options));
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/* The request handler of `serve`, for servers that also answer other
 * requests (the search benchmark's reports). */
export function fileHandler(root, { csp = CSP, gzip = false, netlify = false } = {}) {
  const zipped = new Map();
  const cache = new Map();
  return async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      // As a CDN, the `gzip` mode serves files from memory once read.
      const requested = file;
      let body;
      if (gzip && cache.has(requested)) {
        ({ file, body } = cache.get(requested));
      } else {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        body = await readFile(file);
        if (gzip) cache.set(requested, { file, body });
      }
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream' };
      if (gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        if (!zipped.has(file)) zipped.set(file, gzipSync(body));
        body = zipped.get(file);
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = body.length;
      if (csp) headers['content-security-policy'] = csp;
      // Every header netlify.toml promises (cache lifetimes, security).
      if (netlify) Object.assign(headers, netlifyHeadersFor(path));
      res.writeHead(200, headers).end(body);
    } catch {
      const body = await readFile(join(root, '404.html')).catch(() => Buffer.from('not found'));
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    }
  };
}
