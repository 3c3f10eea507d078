// The W3C Nu HTML Checker (npm vnu-jar, run by Java 17) over every HTML
// page and every stylesheet of the shipped atlas, in one JVM: zero errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSite } from '../support/site.mjs';

const require = createRequire(import.meta.url);
const VNU_JAR = String(require('vnu-jar'));

/* Every file under `dir` whose name ends with one of `exts`. */
function filesUnder(dir, exts) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .map((f) => join(dir, f));
}

/* Runs the checker on `files`; resolves to its messages (JSON output).
 * -Xss8m: the default thread stack is too small for the longest pages. */
export function nuCheck(files, { errorsOnly = true } = {}) {
  const args = ['-Xss8m', '-jar', VNU_JAR, '--format', 'json', '--also-check-css', ...(errorsOnly ? ['--errors-only'] : []), ...files];
  return new Promise((resolve, reject) => {
    execFile('java', args, { maxBuffer: 64 << 20 }, (err, _stdout, stderr) => {
      // The checker exits 1 when it found errors; its report is on stderr.
      try {
        resolve(JSON.parse(stderr).messages);
      } catch {
        reject(err ?? new Error(`no report from the Nu checker: ${stderr.slice(0, 2000)}`));
      }
    });
  });
}

test('every page and stylesheet of the shipped atlas passes the Nu HTML Checker', async () => {
  const site = buildSite();
  const pages = filesUnder(site, ['.html']);
  const styles = filesUnder(site, ['.css']);
  assert.ok(pages.length > 300, `only ${pages.length} pages built`);
  assert.ok(styles.length >= 2, 'no stylesheets built');
  const messages = await nuCheck([...pages, ...styles]);
  const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  const shown = errors.slice(0, 20).map((m) => `${m.url.replace(`file:${site}`, '')}:${m.lastLine ?? 0}: ${m.message} ${m.extract ?? ''}`);
  assert.equal(errors.length, 0, `${errors.length} errors:\n${shown.join('\n')}`);
});

test('the checker finds an error in a broken page (the harness can fail)', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'atlas-nu-'));
  const page = join(dir, 'bad.html');
  writeFileSync(page, '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>x</title></head><body><figure><figcaption>c</figcaption><p>a</p><figcaption>d</figcaption></figure></body></html>');
  const css = join(dir, 'bad.css');
  writeFileSync(css, 'p { colour: red; }');
  const messages = await nuCheck([page, css]);
  assert.ok(messages.some((m) => m.type === 'error' && m.url.endsWith('bad.html')), JSON.stringify(messages));
  assert.ok(messages.some((m) => m.type === 'error' && m.url.endsWith('bad.css')), JSON.stringify(messages));
});
