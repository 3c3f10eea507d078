//! A deterministic synthetic corpus for benchmarks: a complete site root
//! (configuration, theme, taxonomies and source documents copied from this
//! repository, plus N generated records) that `atlas build --root DIR`
//! builds. The same seed always gives byte-identical files.
//!
//! ```sh
//! cargo run --release --example synth -- --records 10000 --out /dev/shm/atlas-10k [--seed 1] [--hugo /dev/shm/hugo-10k]
//! ```
//!
//! Records come in the proportions of a grown atlas (30% programs, 35%
//! organizations, 25% places, 10% cases), with Japanese text of realistic
//! length, valid taxonomy terms, references between records (mostly within
//! a prefecture, some to national bodies), budgets, facts and citations.
//! `--hugo DIR` also writes the same corpus as a Hugo site (see hugo.rs).

mod hugo;
mod text;

use atlas::taxonomy::TaxonomyFile;
use clap::Parser;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_yaml::{Mapping, Value};
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(about = "Write a deterministic synthetic atlas site root for benchmarks")]
struct Args {
    /// Number of records to generate.
    #[arg(long)]
    records: usize,
    /// Site root to write (must be new, empty, or written by synth before).
    #[arg(long)]
    out: PathBuf,
    /// Random seed; the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write the same corpus as a Hugo site into this folder.
    #[arg(long)]
    hugo: Option<PathBuf>,
}

/// Marks folders this tool wrote, so that it only ever replaces its own output.
const MARKER: &str = ".atlas-synth";

fn main() {
    let args = Args::parse();
    if let Err(e) = run(&args) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    prepare(&args.out)?;
    for dir in ["themes", "content/taxonomies", "seeds"] {
        copy_tree(&repo.join(dir), &args.out.join(dir))?;
    }
    copy(&repo.join("atlas.yaml"), &args.out.join("atlas.yaml"))?;
    let vocab = Vocabulary::load(&args.out)?;
    let corpus = Generator::new(args.seed, &vocab).corpus(args.records);
    for r in &corpus {
        write(&args.out.join("content").join(r.kind.folder()).join(format!("{}.md", r.id)), &r.atlas_file())?;
    }
    if let Some(dir) = &args.hugo {
        prepare(dir)?;
        hugo::write_site(dir, repo, &vocab, &corpus)?;
    }
    eprintln!("wrote {} records to {}", corpus.len(), args.out.display());
    Ok(())
}

/// Empties `dir` if synth wrote it before; refuses any other non-empty folder.
fn prepare(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.next().is_none();
        if !empty && !dir.join(MARKER).exists() {
            return Err(format!("{} exists and was not written by synth; choose a new folder", dir.display()));
        }
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot empty {}: {e}", dir.display()))?;
    }
    write(&dir.join(MARKER), "written by `cargo run --example synth`; the next run replaces this folder\n")
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("{} → {}: {e}", from.display(), to.display()))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(from).map_err(|e| e.to_string())?;
            copy(entry.path(), &to.join(rel))?;
        }
    }
    Ok(())
}

/// What the copied site root defines: taxonomy terms and source ids.
pub struct Vocabulary {
    /// (slug, file) for every taxonomy, sorted by slug.
    pub taxonomies: Vec<(String, TaxonomyFile)>,
    pub seeds: Vec<String>,
}

impl Vocabulary {
    fn load(root: &Path) -> Result<Vocabulary, String> {
        let yaml_stems = |dir: &Path| -> Result<Vec<(String, PathBuf)>, String> {
            let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .map(|p| (p.file_stem().unwrap_or_default().to_string_lossy().into_owned(), p))
                .collect();
            out.sort();
            Ok(out)
        };
        let mut taxonomies = Vec::new();
        for (slug, path) in yaml_stems(&root.join("content/taxonomies"))? {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let file: TaxonomyFile =
                atlas::yaml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message.text(atlas::messages::Lang::En)))?;
            taxonomies.push((slug, file));
        }
        let seeds = yaml_stems(&root.join("seeds"))?.into_iter().map(|(s, _)| s).collect();
        Ok(Vocabulary { taxonomies, seeds })
    }

    pub fn terms(&self, slug: &str) -> &[atlas::taxonomy::Term] {
        self.taxonomies.iter().find(|(s, _)| s == slug).map(|(_, f)| f.terms.as_slice()).unwrap_or(&[])
    }

    fn ids(&self, slug: &str) -> Vec<String> {
        self.terms(slug).iter().map(|t| t.id.clone()).collect()
    }
}

/// Record kinds and their folders are the generator's own.
pub use atlas::schema::Kind;

/// One generated record. `front` holds every front matter field in file
/// order; `body` the Markdown.
pub struct Record {
    pub kind: Kind,
    pub id: String,
    pub front: Mapping,
    pub body: String,
}

impl Record {
    fn atlas_file(&self) -> String {
        let yaml = serde_yaml::to_string(&self.front).unwrap_or_default();
        format!("---\n{yaml}---\n\n{}", self.body)
    }
}

/// Who a record is before its text is written: enough to refer to it.
#[derive(Clone)]
struct Identity {
    id: String,
    name: String,
    /// Index into the prefectures taxonomy.
    pref: usize,
}

struct Generator<'a> {
    rng: ChaCha8Rng,
    vocab: &'a Vocabulary,
    prefs: Vec<atlas::taxonomy::Term>,
    places: Vec<Identity>,
    orgs: Vec<Identity>,
    programs: Vec<Identity>,
    /// Organizations that are national bodies (indexes into `orgs`).
    national: Vec<usize>,
    /// Per prefecture: indexes of places, organizations and local programs in it.
    places_in: Vec<Vec<usize>>,
    orgs_in: Vec<Vec<usize>>,
    programs_in: Vec<Vec<usize>>,
    serial: usize,
}

impl<'a> Generator<'a> {
    fn new(seed: u64, vocab: &'a Vocabulary) -> Self {
        let prefs = vocab.terms("prefectures").to_vec();
        let n = prefs.len().max(1);
        Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            vocab,
            prefs,
            places: Vec::new(),
            orgs: Vec::new(),
            programs: Vec::new(),
            national: Vec::new(),
            places_in: vec![Vec::new(); n],
            orgs_in: vec![Vec::new(); n],
            programs_in: vec![Vec::new(); n],
            serial: 0,
        }
    }

    /// Generates `n` records: identities of every kind first (so that text
    /// and references can point at any record), then each record in full.
    fn corpus(mut self, n: usize) -> Vec<Record> {
        let n_programs = n * 30 / 100;
        let n_orgs = n * 35 / 100;
        let n_cases = n * 10 / 100;
        let n_places = n - n_programs - n_orgs - n_cases;
        self.make_places(n_places);
        self.make_orgs(n_orgs);
        self.make_programs(n_programs);
        let mut out = Vec::with_capacity(n);
        for i in 0..self.places.len() {
            out.push(self.place(i));
        }
        for i in 0..self.orgs.len() {
            out.push(self.organization(i));
        }
        for i in 0..self.programs.len() {
            out.push(self.program(i));
        }
        for _ in 0..n_cases {
            out.push(self.case());
        }
        out
    }

    fn next_serial(&mut self) -> usize {
        self.serial += 1;
        self.serial
    }

    fn pick<'b, T>(&mut self, items: &'b [T]) -> &'b T {
        &items[self.rng.gen_range(0..items.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p)
    }

    /// Two or three place syllables: (kanji, romaji).
    fn place_name(&mut self) -> (String, String) {
        let parts = self.rng.gen_range(2..=3);
        let (mut kanji, mut romaji) = (String::new(), String::new());
        for _ in 0..parts {
            let (k, r) = *self.pick(text::PLACE_PARTS);
            kanji.push_str(k);
            romaji.push_str(r);
        }
        (kanji, romaji)
    }

    fn brand(&mut self) -> (String, String) {
        let (a, ra) = *self.pick(text::BRAND_PARTS);
        let (b, rb) = *self.pick(text::BRAND_PARTS);
        (format!("{a}{b}"), format!("{ra}{rb}"))
    }

    /// The 47 prefectures first (as the atlas has them), then cities.
    fn make_places(&mut self, n: usize) {
        for i in 0..n {
            let (id, name, pref) = if i < self.prefs.len() {
                (format!("pref-{}", self.prefs[i].id), self.prefs[i].name.clone(), i)
            } else {
                let pref = self.rng.gen_range(0..self.prefs.len());
                let (kanji, romaji) = self.place_name();
                let ward = self.prefs[pref].id == "tokyo" && self.chance(0.3);
                let serial = self.next_serial();
                if ward {
                    (format!("ward-{romaji}-{serial}"), format!("{kanji}区"), pref)
                } else {
                    (format!("city-{romaji}-{serial}"), format!("{kanji}市"), pref)
                }
            };
            self.places_in[pref].push(self.places.len());
            self.places.push(Identity { id, name, pref });
        }
    }

    fn make_orgs(&mut self, n: usize) {
        let n_national = (n / 50).clamp(1.min(n), 40);
        for i in 0..n {
            let pref = self.rng.gen_range(0..self.prefs.len());
            let pref_name = self.prefs[pref].name.clone();
            let serial = self.next_serial();
            let (id, name) = if i < n_national {
                self.national.push(i);
                let (k, r) = self.brand();
                (format!("{r}-kiko-{serial}"), format!("国立研究開発法人{k}研究機構"))
            } else {
                let city = self.places_in[pref].choose(&mut self.rng).map(|&p| self.places[p].name.clone()).unwrap_or(pref_name.clone());
                let (brand, romaji) = self.brand();
                match self.rng.gen_range(0..6) {
                    0 => (format!("{romaji}-sangyo-shien-{serial}"), format!("公益財団法人{city}産業振興センター")),
                    1 => (format!("{romaji}-medical-{serial}"), format!("株式会社{brand}メディカル")),
                    2 => (format!("{romaji}-daigaku-{serial}"), format!("{city}{brand}大学大学院医学研究科")),
                    3 => (format!("{romaji}-shoko-{serial}"), format!("{city}商工会議所")),
                    4 => (format!("{romaji}-fund-{serial}"), format!("{brand}ヘルスケア投資事業有限責任組合")),
                    _ => (format!("{romaji}-kyogikai-{serial}"), format!("{pref_name}医療機器産業推進協議会")),
                }
            };
            if i >= n_national {
                self.orgs_in[pref].push(i);
            }
            self.orgs.push(Identity { id, name, pref });
        }
    }

    fn make_programs(&mut self, n: usize) {
        for _ in 0..n {
            let pref = self.rng.gen_range(0..self.prefs.len());
            let field = *self.pick(text::FIELDS);
            let what = *self.pick(&[
                "研究開発補助金",
                "試作開発支援事業",
                "実用化推進事業",
                "販路開拓支援事業",
                "人材育成プログラム",
                "伴走支援事業",
            ]);
            let (_, romaji) = self.brand();
            let serial = self.next_serial();
            let name = format!("{}{field}{what}", self.prefs[pref].name);
            self.programs_in[pref].push(self.programs.len());
            self.programs.push(Identity { id: format!("{romaji}-shien-{serial}"), name, pref });
        }
    }

    /// Common fields, in the order authors write them.
    fn common(&mut self, who: &Identity, summary: String) -> Mapping {
        let mut m = Mapping::new();
        m.insert("id".into(), who.id.clone().into());
        m.insert("name".into(), who.name.clone().into());
        if self.chance(0.15) {
            let short: String = (0..self.rng.gen_range(3..=6)).map(|_| self.rng.gen_range(b'A'..=b'Z') as char).collect();
            m.insert("short_name".into(), short.into());
        }
        m.insert("summary".into(), summary.into());
        if self.chance(0.4) {
            m.insert("url".into(), format!("https://www.example.jp/{}/", who.id).into());
        }
        let mut sources = Vec::new();
        for _ in 0..self.rng.gen_range(1..=2) {
            let mut c = Mapping::new();
            c.insert("source".into(), self.pick(&self.vocab.seeds).clone().into());
            c.insert("section".into(), (*self.pick(text::SECTIONS)).into());
            sources.push(Value::Mapping(c));
        }
        m.insert("sources".into(), Value::Sequence(sources));
        let facts: Vec<Value> = (0..self.rng.gen_range(0..=3usize).saturating_sub(1)).map(|_| self.fact()).collect();
        if !facts.is_empty() {
            m.insert("facts".into(), Value::Sequence(facts));
        }
        let day = chrono::NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default() + chrono::Days::new(self.rng.gen_range(0..600));
        m.insert("updated".into(), day.format("%Y-%m-%d").to_string().into());
        if self.chance(0.05) {
            m.insert("note".into(), "資料では名称の一部を略して表記している。".into());
        }
        m
    }

    fn fact(&mut self) -> Value {
        let mut f = Mapping::new();
        f.insert("label".into(), (*self.pick(text::FACT_LABELS)).into());
        f.insert("value".into(), format!("{}件", self.rng.gen_range(3..900)).into());
        if self.chance(0.7) {
            let year = self.rng.gen_range(2019..=2024);
            f.insert("as_of".into(), text::reiwa(year).into());
            // A label that names a year needs its machine-readable date.
            f.insert("as_of_date".into(), format!("FY{year}").into());
        }
        if self.chance(0.3) {
            f.insert("source".into(), self.pick(&self.vocab.seeds).clone().into());
        }
        Value::Mapping(f)
    }

    fn terms(&mut self, slug: &str, min: usize, max: usize) -> Value {
        let ids = self.vocab.ids(slug);
        let n = self.rng.gen_range(min..=max.min(ids.len()));
        let mut picked: Vec<String> = ids.choose_multiple(&mut self.rng, n).cloned().collect();
        picked.sort_by_key(|id| ids.iter().position(|x| x == id));
        Value::Sequence(picked.into_iter().map(Value::from).collect())
    }

    fn ids(list: &[usize], of: &[Identity]) -> Value {
        Value::Sequence(list.iter().map(|&i| Value::from(of[i].id.clone())).collect())
    }

    /// Up to `max` distinct picks from `pool`.
    fn some(&mut self, pool: &[usize], max: usize) -> Vec<usize> {
        let n = self.rng.gen_range(1..=max).min(pool.len());
        pool.choose_multiple(&mut self.rng, n).copied().collect()
    }

    fn place(&mut self, i: usize) -> Record {
        let who = &self.places[i];
        let (id, pref) = (who.id.clone(), who.pref);
        let pref_term = self.prefs[pref].clone();
        let place_type = match () {
            _ if id.starts_with("pref-") => "prefecture",
            _ if id.starts_with("ward-") => "special-ward",
            _ if self.chance(0.1) => "designated-city",
            _ => "city",
        };
        let summary = format!("{}の{}。医療・ものづくり分野の企業支援に取り組んでいる。", pref_term.name, self.places[i].name);
        let who = self.places[i].clone();
        let mut m = self.common(&who, summary);
        m.insert("place_type".into(), place_type.into());
        m.insert("prefecture".into(), pref_term.id.clone().into());
        let body = self.body(Kind::Place, pref);
        Record { kind: Kind::Place, id, front: m, body }
    }

    fn organization(&mut self, i: usize) -> Record {
        let who = self.orgs[i].clone();
        let national = self.national.contains(&i);
        let pref = self.prefs[who.pref].clone();
        let org_type = if national {
            "national-body"
        } else if who.name.contains("株式会社") {
            "company"
        } else if who.name.contains("大学") {
            "university"
        } else if who.name.contains("投資") {
            "fund"
        } else if who.name.contains("商工会議所") || who.name.contains("協議会") {
            "business-group"
        } else {
            "regional-support"
        };
        let summary = if national {
            format!("{}分野の研究開発を支援する国立研究開発法人。", self.pick(text::FIELDS))
        } else {
            format!("{}で{}分野の企業や研究者を支える機関。", pref.name, self.pick(text::FIELDS))
        };
        let mut m = self.common(&who, summary);
        m.insert("organization_type".into(), org_type.into());
        if national {
            m.insert("ministries".into(), self.terms("ministries", 1, 2));
        } else {
            if let Some(region) = &pref.region {
                m.insert("region".into(), region.clone().into());
            }
            m.insert("prefecture".into(), pref.id.clone().into());
            let places = self.places_in[who.pref].clone();
            if !places.is_empty() && self.chance(0.7) {
                let picked = self.some(&places, 1);
                m.insert("places".into(), Self::ids(&picked, &self.places));
            }
            if org_type == "regional-support" && self.chance(0.1) {
                m.insert("regional_hub".into(), true.into());
                if self.chance(0.5) {
                    m.insert("hub_since".into(), self.rng.gen_range(2019..=2023).into());
                }
            }
        }
        let body = self.body(Kind::Organization, who.pref);
        Record { kind: Kind::Organization, id: who.id, front: m, body }
    }

    fn program(&mut self, i: usize) -> Record {
        let who = self.programs[i].clone();
        let national = self.chance(0.15) && !self.national.is_empty();
        let field = *self.pick(text::FIELDS);
        let summary = format!("{}の{field}分野の企業を対象に、製品開発から事業化までを支援する事業。", self.prefs[who.pref].name);
        let mut m = self.common(&who, summary);
        if national {
            m.insert("ministries".into(), self.terms("ministries", 1, 1));
            let national = self.national.clone();
            let picked = self.some(&national, 2);
            m.insert("implementers".into(), Self::ids(&picked, &self.orgs));
        } else {
            let places = self.places_in[who.pref].clone();
            let orgs = self.orgs_in[who.pref].clone();
            if let Some(&owner) = places.choose(&mut self.rng) {
                m.insert("owner".into(), self.places[owner].id.clone().into());
                m.insert("places".into(), Self::ids(&[owner], &self.places));
            }
            if !orgs.is_empty() && self.chance(0.6) {
                let picked = self.some(&orgs, 2);
                m.insert("implementers".into(), Self::ids(&picked, &self.orgs));
            }
        }
        m.insert("support_areas".into(), self.terms("support-areas", 1, 3));
        m.insert("support_kinds".into(), self.terms("support-kinds", 1, 2));
        if self.chance(0.8) {
            m.insert("device_specific".into(), self.chance(0.5).into());
        }
        m.insert("phases".into(), self.terms("phases", 1, 3));
        m.insert("stages".into(), self.terms("stages", 1, 4));
        if self.chance(0.7) {
            m.insert("targets".into(), (*self.pick(text::TARGETS)).into());
        }
        let start = self.rng.gen_range(2015..=2024);
        m.insert("period".into(), format!("{}～", text::reiwa(start.max(2019))).into());
        let budgets: Vec<Value> = (0..self.rng.gen_range(0..=3))
            .map(|k| {
                let year = 2024 - k;
                let mut b = Mapping::new();
                b.insert("fiscal_year".into(), text::reiwa(year).into());
                b.insert("label".into(), format!("{}予算額", text::reiwa(year)).into());
                let amount = self.rng.gen_range(5..5000);
                let amount =
                    if amount >= 1000 { format!("{},{:03}百万円", amount / 1000, amount % 1000) } else { format!("{amount}百万円") };
                b.insert("amount".into(), amount.into());
                Value::Mapping(b)
            })
            .collect();
        if !budgets.is_empty() {
            m.insert("budgets".into(), Value::Sequence(budgets));
        }
        let body = self.body(Kind::Program, who.pref);
        Record { kind: Kind::Program, id: who.id, front: m, body }
    }

    fn case(&mut self) -> Record {
        let pref = self.rng.gen_range(0..self.prefs.len());
        let product = *self.pick(text::PRODUCTS);
        let (brand, romaji) = self.brand();
        let serial = self.next_serial();
        let who = Identity { id: format!("{romaji}-jirei-{serial}"), name: format!("{brand}による{product}の開発"), pref };
        let summary = format!("{}の企業が地域の支援を受けて{product}を開発した事例。", self.prefs[pref].name);
        let mut m = self.common(&who, summary);
        if self.chance(0.6) {
            m.insert("case_type".into(), self.terms("case-types", 1, 1).as_sequence().and_then(|s| s.first().cloned()).unwrap_or_default());
        }
        let places = self.places_in[pref].clone();
        if !places.is_empty() {
            let picked = self.some(&places, 1);
            m.insert("places".into(), Self::ids(&picked, &self.places));
        }
        let mut orgs = self.orgs_in[pref].clone();
        if orgs.is_empty() {
            orgs = self.national.clone();
        }
        if !orgs.is_empty() {
            let picked = self.some(&orgs, 3);
            m.insert("organizations".into(), Self::ids(&picked, &self.orgs));
        }
        let programs = self.programs_in[pref].clone();
        if !programs.is_empty() {
            let picked = self.some(&programs, 2);
            m.insert("programs".into(), Self::ids(&picked, &self.programs));
        }
        m.insert("stages".into(), self.terms("stages", 1, 5));
        m.insert("period".into(), format!("{}～{}", text::reiwa(2020), text::reiwa(2023)).into());
        let body = self.body(Kind::Case, pref);
        Record { kind: Kind::Case, id: who.id, front: m, body }
    }

    /// A Markdown body of realistic length for its kind: an opening
    /// paragraph, then `##` sections of paragraphs or lists.
    fn body(&mut self, kind: Kind, pref: usize) -> String {
        // Mean body lengths (characters) of the shipped records, by kind.
        let mean = match kind {
            Kind::Program => 320.0,
            Kind::Organization => 190.0,
            Kind::Place => 160.0,
            Kind::Case => 560.0,
        };
        // A long tail: most records near the mean, a few several times longer.
        let factor: f64 = if self.chance(0.05) { self.rng.gen_range(2.0..5.0) } else { self.rng.gen_range(0.5..1.5) };
        let target = (mean * factor) as usize;
        let mut out = self.paragraph(pref, 2);
        let mut headings: Vec<&str> = text::HEADINGS.to_vec();
        headings.shuffle(&mut self.rng);
        for heading in headings {
            if out.chars().count() >= target {
                break;
            }
            out.push_str(&format!("\n## {heading}\n\n"));
            if self.chance(0.35) {
                for _ in 0..self.rng.gen_range(2..=4) {
                    out.push_str(&format!("- {}\n", self.sentence(pref)));
                }
            } else {
                let n = self.rng.gen_range(1..=3);
                out.push_str(&self.paragraph(pref, n));
            }
        }
        out
    }

    fn paragraph(&mut self, pref: usize, sentences: usize) -> String {
        let mut p: String = (0..sentences.max(1)).map(|_| self.sentence(pref)).collect();
        p.push('\n');
        p
    }

    /// A sentence with its slots filled from records near `pref`.
    fn sentence(&mut self, pref: usize) -> String {
        let template = *self.pick(text::SENTENCES);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
            let slot = &rest[start + 1..end];
            out.push_str(&self.slot(slot, pref));
            rest = rest.get(end + 1..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }

    fn slot(&mut self, slot: &str, pref: usize) -> String {
        let near = |pool: &[usize], all: &[Identity], rng: &mut ChaCha8Rng| -> Option<String> {
            pool.choose(rng).map(|&i| all[i].name.clone()).or_else(|| all.choose(rng).map(|x| x.name.clone()))
        };
        match slot {
            "org" => near(&self.orgs_in[pref], &self.orgs, &mut self.rng).unwrap_or_else(|| "地域の支援機関".into()),
            "place" => near(&self.places_in[pref], &self.places, &mut self.rng).unwrap_or_else(|| self.prefs[pref].name.clone()),
            "program" => near(&self.programs_in[pref], &self.programs, &mut self.rng).unwrap_or_else(|| "国の支援事業".into()),
            "product" => {
                let (brand, _) = self.brand();
                format!("{}「{brand}」", self.pick(text::PRODUCTS))
            }
            "field" => (*self.pick(text::FIELDS)).to_string(),
            "n" => self.rng.gen_range(2..300).to_string(),
            "year" => text::reiwa(self.rng.gen_range(2019..=2024)),
            other => other.to_string(),
        }
    }
}
