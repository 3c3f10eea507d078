#!/usr/bin/env node
// Pictures of the exported workbook for docs/authoring.md ("Excel で更新する"),
// as a spreadsheet shows it: `atlas export --xlsx` over the shipped atlas,
// LibreOffice (headless) renders the workbook as HTML (cells, bold header row
// with its fill, the red marks of header notes), and headless Chromium takes
// the pictures with gridlines drawn as in the spreadsheet:
//   docs/images/excel-programs.png  the top left of the programs sheet
//   docs/images/excel-note.png      the note of the `stages` header cell
//
// Usage: node scripts/docs-images.mjs   (after `cargo build`; ATLAS_BIN
// names another atlas binary, CHROMIUM another browser, SOFFICE LibreOffice)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/support/browser.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const atlas = process.env.ATLAS_BIN || join(repo, 'target/debug/atlas');
const soffice = process.env.SOFFICE || 'soffice';
const work = mkdtempSync(join(tmpdir(), 'atlas-docs-images-'));
try {
  execFileSync(atlas, ['export', '--xlsx', join(work, 'atlas.xlsx'), '--root', repo], { stdio: 'inherit' });
  execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${work}/profile`,
    '--convert-to', 'html:HTML (StarCalc)', '--outdir', work, join(work, 'atlas.xlsx')], { stdio: 'ignore' });
  // The first sheet (programs) only; LibreOffice writes each sheet as a table after an overview.
  const html = readFileSync(join(work, 'atlas.html'), 'utf8');
  const head = html.slice(0, html.indexOf('<body'));
  const first = html.indexOf('<table');
  const table = html.slice(first, html.indexOf('</table>', first) + '</table>'.length);
  const style = `<style>
    body { margin: 0; background: #fff; }
    body, td, font { font-family: "IPAPGothic", "IPAGothic", sans-serif !important; font-size: 13px; }
    table { border-collapse: collapse; table-layout: fixed; }
    td { position: relative; border: 1px solid #d4d4d4; padding: 0 4px; height: 20px; line-height: 20px; vertical-align: middle;
      white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    td br { display: none; }
    td.frame { background: #f0f0f0; color: #444; text-align: center; font-weight: normal; }
    a.comment-indicator { position: absolute; top: 0; right: 0; width: 0; height: 0; background: none; border: 0;
      border-left: 7px solid transparent; border-top: 7px solid #d00; }
    td.shown { overflow: visible; }
    td.shown comment { display: block; position: absolute; left: 100%; top: 4px; background: #ffffe1; border: 1px solid #777;
      padding: 6px 8px; white-space: pre-wrap; width: 24em; line-height: 1.5; font-size: 12px; color: #000; z-index: 2;
      box-shadow: 2px 2px 4px rgba(0,0,0,.3); }
  </style>`;
  writeFileSync(join(work, 'programs.html'), `${head.replace('</head>', `${style}</head>`)}<body>${table}</body></html>`);

  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 960, height: 300 }, deviceScaleFactor: 1 });
    await page.goto(`file://${join(work, 'programs.html')}`);
    // Ten rows, with the column letters and row numbers a spreadsheet shows around them.
    await page.evaluate(() => {
      const rows = [...document.querySelectorAll('tr')];
      rows.forEach((tr, i) => { if (i > 9) tr.remove(); });
      const letters = (n) => (n >= 26 ? letters(Math.floor(n / 26) - 1) : '') + String.fromCharCode(65 + (n % 26));
      const frame = (text) => Object.assign(document.createElement('td'), { className: 'frame', textContent: text });
      const widths = [...document.querySelectorAll('colgroup')].flatMap((g) => Array(Number(g.getAttribute('span') || 1)).fill(g.getAttribute('width')));
      const head = document.createElement('tr');
      head.append(frame(''), ...widths.map((_, i) => frame(letters(i))));
      document.querySelector('tr').before(head);
      document.querySelectorAll('tr').forEach((tr, i) => { if (i > 0) tr.prepend(frame(String(i))); });
      const cols = document.querySelector('colgroup');
      cols.before(Object.assign(document.createElement('colgroup'), { width: 40 }));
      document.querySelectorAll('colgroup').forEach((g) => { g.setAttribute('width', Math.round(Number(g.getAttribute('width')) * 0.6)); });
      document.querySelector('colgroup').setAttribute('width', 36);
    });
    await page.screenshot({ path: join(repo, 'docs/images/excel-programs.png'), clip: { x: 0, y: 0, width: 960, height: 233 } });
    // The note of the stages header, open as when the pointer is over the cell.
    const box = await page.evaluate(() => {
      const cell = [...document.querySelectorAll('tr:nth-child(2) td')].find((td) => td.textContent.trim().endsWith('stages'));
      cell.classList.add('shown');
      cell.scrollIntoView({ inline: 'start' });
      const r = cell.getBoundingClientRect();
      return { x: Math.max(0, r.left - 40), y: 0 };
    });
    await page.screenshot({ path: join(repo, 'docs/images/excel-note.png'), clip: { x: box.x, y: box.y, width: 560, height: 190 } });
  } finally {
    await browser.close();
  }
  console.log('wrote docs/images/excel-programs.png and docs/images/excel-note.png');
} finally {
  rmSync(work, { recursive: true, force: true });
}
