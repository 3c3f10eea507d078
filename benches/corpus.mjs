// A small deterministic corpus maker for the search benchmark, used when
// the synthetic corpus generator (examples/synth) is not available: a site
// root with the repository's configuration, theme, taxonomies and sources
// and `records` generated programs, organizations and cases.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PRODUCTS = ['手術支援ロボット', '内視鏡用処置具', '在宅用血圧計', '歩行支援機器', '見守りセンサー', '超音波診断装置', '人工関節', 'カテーテル', '検査キット', 'リハビリ機器', '画像診断支援ソフトウェア', 'ウェアラブル心電計'];
const ACTIONS = ['試作開発', '臨床評価', '薬事申請', '販路開拓', '海外展開', '事業化', '実証試験', '人材育成', 'マッチング', '知財戦略'];
const FORMS = ['補助事業', '支援事業', '推進事業', 'プログラム', '相談窓口', '実証事業'];
const PLACES = ['北', '南', '東', '西', '中', '大', '高', '山', '川', '田', '野', '原', '松', '浜', '島', '森', '宮', '岡', '津', '桜'];
const SENTENCES = [
  '{p}の{a}を目指す中小企業やスタートアップを対象に、医療機関との医工連携による開発を支援する。',
  '採択された事業者には、{a}に要する経費の一部を補助し、専門家による伴走支援を行う。',
  '{place}市内の医療機器メーカーと大学病院が連携し、{p}の{a}を進めた。',
  '医療現場のニーズを踏まえた製品開発のため、ものづくり企業と医療従事者の交流会を開催している。',
  '薬事や保険償還に関する相談に応じ、{a}までの道筋を示す。',
  '令和{n}年度は{n}件の案件を採択し、そのうち一部は{p}として上市に至った。',
];

/* Deterministic pseudo-random numbers (mulberry32). */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeCorpus(repo, out, records, seed = 1) {
  const rnd = random(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const some = (xs, n) => [...new Set(Array.from({ length: n }, () => pick(xs)))];
  mkdirSync(out, { recursive: true });
  for (const dir of ['themes', 'content/taxonomies', 'seeds']) cpSync(join(repo, dir), join(out, dir), { recursive: true });
  cpSync(join(repo, 'atlas.yaml'), join(out, 'atlas.yaml'));
  const source = readdirSync(join(repo, 'seeds')).filter((f) => f.endsWith('.yaml'))[0].replace(/\.yaml$/, '');
  const terms = (name) => [...readFileSync(join(repo, 'content/taxonomies', name + '.yaml'), 'utf8').matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1]);
  const [ministries, stages, phases, areas, kinds, prefectures] = ['ministries', 'stages', 'phases', 'support-areas', 'support-kinds', 'prefectures'].map(terms);
  const fill = (s) => s.replace(/\{p\}/g, () => pick(PRODUCTS)).replace(/\{a\}/g, () => pick(ACTIONS)).replace(/\{place\}/g, () => pick(PLACES) + pick(PLACES)).replace(/\{n\}/g, () => 1 + Math.floor(rnd() * 9));
  const body = () => Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => fill(pick(SENTENCES))).join('')).join('\n\n');
  for (const kind of ['programs', 'organizations', 'cases']) mkdirSync(join(out, 'content', kind), { recursive: true });
  for (let i = 0; i < records; i++) {
    const id = `synth-${i}`;
    const head = `id: ${id}\nsummary: ${fill(pick(SENTENCES))}\nsources:\n  - source: ${source}\nupdated: 2025-04-01\n`;
    let kind;
    let front;
    if (i % 10 < 4) {
      kind = 'programs';
      front = `name: ${pick(PLACES)}${pick(PLACES)}${pick(PRODUCTS)}${pick(ACTIONS)}${pick(FORMS)}\nministries: [${some(ministries, 1)}]\nstages: [${some(stages, 3)}]\nphases: [${some(phases, 2)}]\nsupport_areas: [${some(areas, 2)}]\nsupport_kinds: [${some(kinds, 1)}]\n`;
    } else if (i % 10 < 8) {
      kind = 'organizations';
      front = `name: ${pick(PLACES)}${pick(PLACES)}${pick(['産業振興財団', '医療機器産業推進機構', 'ものづくり支援センター', '医工連携推進協議会'])}\norganization_type: regional-support\nprefecture: ${pick(prefectures)}\n`;
    } else {
      kind = 'cases';
      front = `name: ${pick(PRODUCTS)}の${pick(ACTIONS)}事例（${pick(PLACES)}${pick(PLACES)}）\nstages: [${some(stages, 2)}]\n`;
    }
    writeFileSync(join(out, 'content', kind, id + '.md'), `---\n${head}${front}---\n\n${body()}\n`);
  }
  return out;
}
