//! Test fixtures: a temporary site root that borrows the shipped config,
//! taxonomies, theme and source registry, plus records written by the test.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Fixture {
    /// A site root with the shipped config, taxonomies, theme and seeds and no records.
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(REPO);
        std::fs::copy(repo.join("atlas.yaml"), dir.path().join("atlas.yaml")).unwrap();
        copy_tree(&repo.join("themes"), &dir.path().join("themes"));
        copy_tree(&repo.join("seeds"), &dir.path().join("seeds"));
        copy_tree(&repo.join("content/taxonomies"), &dir.path().join("content/taxonomies"));
        Fixture { dir }
    }

    /// The fixture with a small consistent set of records of every kind.
    pub fn with_records() -> Fixture {
        let f = Fixture::new();
        f.write("content/places/city-saitama.md", PLACE);
        f.write("content/organizations/test-zaidan.md", ORGANIZATION);
        f.write("content/programs/test-lab.md", PROGRAM);
        f.write("content/cases/test-case.md", CASE);
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// A file of the fixture; a page in minify-html's form (attribute
    /// values unquoted where they can be), whichever way it was minified
    /// (see src/render/minify.rs), so that assertions can match markup.
    pub fn read(&self, rel: &str) -> String {
        let text = std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        if rel.ends_with(".html") { atlas::render::minify::minify_fragment(&text) } else { text }
    }

    /// Runs atlas in the fixture, in English (tests of the Japanese
    /// messages use `atlas_in`).
    pub fn atlas(&self, args: &[&str]) -> Output {
        self.atlas_in("en", args)
    }

    /// Runs atlas with the language chosen by the environment (`ATLAS_LANG`;
    /// empty: none, so the site's `language` decides).
    pub fn atlas_in(&self, lang: &str, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_atlas"));
        command.args(args).current_dir(self.root()).env("NO_COLOR", "1");
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(variable);
        }
        command.env("ATLAS_LANG", lang).output().unwrap()
    }

    pub fn build(&self) -> Output {
        self.atlas(&["build", "--out", "public"])
    }

    /// Diagnostics of `atlas check --format json`.
    pub fn check_json(&self) -> Vec<serde_json::Value> {
        let out = self.atlas(&["check", "--format", "json"]);
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub const PLACE: &str = "---
id: city-saitama
name: さいたま市
summary: 医療ものづくり都市構想を進める指定都市。
place_type: designated-city
prefecture: saitama
sources:
  - source: saitama-strategy-meeting-2017
updated: 2026-11-01
---
";

pub const ORGANIZATION: &str = "---
id: test-zaidan
name: テスト産業創造財団
summary: 市内企業の医療機器分野への参入を支援する財団。
organization_type: regional-support
prefecture: saitama
places: [city-saitama]
regional_hub: true
sources:
  - source: fukushima-cluster-talk
    section: 全国各地の医工連携・支援機関一覧
updated: 2026-11-02
---
";

pub const PROGRAM: &str = "---
id: test-lab
name: 試作開発ラボ
summary: 医療機関と企業が試作品を共同で開発する場。
owner: city-saitama
implementers: [test-zaidan]
places: [city-saitama]
support_kinds: [soft]
stages: [段階⑤, stage-4]
budgets:
  - fiscal_year: 平成33年度
    label: 予算額
    amount: 1,024百万円
facts:
  - label: 案件創出
    value: 160件以上
    as_of: 第1期行動計画
sources:
  - source: saitama-strategy-meeting-2017
    section: 第1期行動計画の成果
updated: 2026-11-03
---
## 概要

試作品の開発を支援します。

| 項目 | 内容 |
|---|---|
| 対象 | 市内企業 |
";

pub const CASE: &str = "---
id: test-case
name: 呼吸補助装置の開発
summary: 試作開発ラボで開発された在宅用の呼吸補助装置。
case_type: type-2
places: [city-saitama]
organizations: [test-zaidan]
programs: [test-lab]
sources:
  - source: saitama-strategy-meeting-2017
updated: 2026-11-04
---
";
