// Lighthouse (npm lighthouse, Debian chromium, headless) over five page
// types of the shipped atlas: home, search (with a query), a record, the
// map and the stages page. The site is served on 127.0.0.1 as netlify.toml
// publishes it: every header it promises (CSP, cache lifetimes, security)
// and text compressed, files from memory as a CDN serves them. Prints the
// four category scores of each page (mobile, Lighthouse's default
// throttling) and its cumulative layout shift; asserts nothing.
//
// usage: node benches/lighthouse.mjs   (ATLAS_BIN picks the binary)
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { buildSite } from '../tests/support/site.mjs';
import { serve } from '../tests/support/server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/support/browser.mjs';

const PAGES = [
  ['home', '/'],
  ['search', '/search/?q=%E5%8C%BB%E5%B7%A5%E9%80%A3%E6%90%BA'],
  ['record', '/programs/mediso/'],
  ['map', '/map/'],
  ['stages', '/stages/'],
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const server = await serve(buildSite(), { csp: false, gzip: true, netlify: true });
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS.filter((f) => f !== '--headless').concat('--headless=new') });
try {
  console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile, ${server.url}`);
  console.log([...['page', ...CATEGORIES].map((c) => c.padEnd(15)), 'CLS'.padEnd(8)].join(''));
  for (const [name, path] of PAGES) {
    const result = await lighthouse(`${server.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    const scores = CATEGORIES.map((c) => String(Math.round(result.lhr.categories[c].score * 100)).padEnd(15));
    const failed = CATEGORIES.filter((c) => c !== 'performance').flatMap((c) =>
      result.lhr.categories[c].auditRefs.filter((a) => a.weight > 0 && result.lhr.audits[a.id].score !== null && result.lhr.audits[a.id].score < 1).map((a) => a.id),
    );
    const cls = result.lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3).padEnd(8);
    console.log(`${name.padEnd(15)}${scores.join('')}${cls}${failed.length ? `  (below 100: ${failed.join(', ')})` : ''}`);
  }
} finally {
  await chrome.kill();
  await server.close();
}
