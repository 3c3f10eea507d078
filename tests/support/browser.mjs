// Headless Debian Chromium driven by playwright-core.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/* Command-line switches for every headless run: no sandbox (containers),
 * no GPU, none of the browser's own background traffic. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/* The shipped atlas, built and served on 127.0.0.1 under the production
 * CSP, with a browser, for the duration of a test file: returns an object
 * whose `url` and `browser` are set once the file's tests start. */
export async function shippedSiteInBrowser({ before, after }) {
  const { buildSite } = await import('./site.mjs');
  const { serve } = await import('./server.mjs');
  const env = {};
  before(async () => {
    env.server = await serve(buildSite());
    env.url = env.server.url;
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
