//! The record schema: the one definition of every front matter field. The
//! doc comments are user-facing (Japanese): they become the JSON Schema that
//! `atlas schema` prints, the field reference in the authoring guide and the
//! field descriptions on the open-data page.

pub mod relations;

use crate::calendar::{AsOfDate, Date, FiscalYear};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Program,
    Organization,
    Place,
    Case,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Program, Kind::Organization, Kind::Place, Kind::Case];

    /// Folder under `content/` and first URL segment.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Program => "programs",
            Kind::Organization => "organizations",
            Kind::Place => "places",
            Kind::Case => "cases",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Kind::Program => "program",
            Kind::Organization => "organization",
            Kind::Place => "place",
            Kind::Case => "case",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Kind::Program => "支援施策",
            Kind::Organization => "支援機関",
            Kind::Place => "地域",
            Kind::Case => "事例",
        }
    }
    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Fields every record has.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
pub struct Common {
    /// 識別子。半角英小文字・数字をハイフンでつないだもの（例: city-saitama）。全レコードで一意で、URL になる。
    pub id: String,
    /// 正式名称。出典の表記どおりに書く。
    pub name: String,
    /// 略称（出典で使われているもの。例: MEDISO）。
    #[serde(default)]
    pub short_name: Option<String>,
    /// 別名（出典に書かれていない正式名称など）。加えたときは note に根拠を書く。name は出典の表記のままにする。
    #[serde(default)]
    pub aliases: Vec<String>,
    /// 読み（ひらがな・ローマ字など、読者が検索に入力する名称の書き方。例: [よこはま, yokohama]）。検索だけが使い、検索結果に「読み」として表示される。
    #[serde(default)]
    pub readings: Vec<String>,
    /// 一文の要約（一覧・検索結果・ページ説明に使う）。出典の文をそのまま写さず自分の言葉で書く。
    pub summary: String,
    /// 公式サイトの URL（出典に記載があるもののみ）。
    #[serde(default)]
    pub url: Option<String>,
    /// 出典。seeds/ の資料 ID と、資料内の該当箇所。
    pub sources: Vec<Citation>,
    /// 数値・実績などの事実。いつ時点の値かと出典を添える。
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// このレコードを最後に更新した日（YYYY-MM-DD）。
    #[schemars(title = "最終更新日")]
    pub updated: Date,
    /// 更新履歴。公開後に内容を改めたとき、その日と何を改めたかを新しい順に書く（新規の掲載には書かない）。最新の日付は updated と同じにする。
    #[serde(default)]
    pub changes: Vec<Change>,
    /// 編集上の注記（出典の誤記と思われる箇所の説明など）。
    #[serde(default)]
    pub note: Option<String>,
}

/// 出典の引用。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// seeds/ にある資料の ID。
    #[schemars(title = "資料")]
    pub source: String,
    /// 資料内の該当箇所（見出し・ページなど）。
    #[serde(default)]
    pub section: Option<String>,
}

/// 更新履歴の一件。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// 内容を改めた日（YYYY-MM-DD）。
    pub date: Date,
    /// 何を改めたかの一文（読者に分かる言葉で。例: 支援メニュー（段階④-2）を加えました。）。
    pub description: String,
}

/// 数値や実績などの事実。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// 項目名（例: 相談件数）。
    pub label: String,
    /// 値。出典の表記どおり（例: 160件以上）。
    #[serde(deserialize_with = "scalar_string")]
    #[schemars(with = "ScalarSchema")]
    pub value: String,
    /// いつ時点の値か。出典の表記どおり（例: 平成27年4月末時点、令和4年度）。
    #[schemars(title = "時点")]
    #[serde(default, deserialize_with = "opt_scalar_string")]
    #[schemars(with = "Option<ScalarSchema>")]
    pub as_of: Option<String>,
    /// as_of の時点を西暦で（例: 2015-04-30、2023-04、2020、FY2023、2020-06/2021-02）。as_of が年を含むなら必須で、その年と一致すること。
    #[schemars(title = "時点（西暦）")]
    #[serde(default)]
    pub as_of_date: Option<AsOfDate>,
    /// レコードの最初の出典と異なる場合の資料 ID。
    #[schemars(title = "出典の資料（最初の出典と異なるとき）")]
    #[serde(default)]
    pub source: Option<String>,
}

/// 予算額。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// 対象年度（2023 または 令和5年度）。
    pub fiscal_year: FiscalYear,
    /// 金額の種類。出典の表記どおり（例: 令和5年度予算額、前年度予算額、令和4年度補正予算額）。「予算」「要求」「補正」「決算」「事業費」のいずれかを含むこと。
    #[schemars(pattern(BUDGET_LABEL_PATTERN))]
    pub label: String,
    /// 金額。出典の表記どおりに、数字・単位（千・万・百万・千万・億・兆）・「円」で書く（例: 1,024百万円、30.0億円、63,968千円、約5億円）。
    #[serde(deserialize_with = "scalar_string")]
    #[schemars(with = "String", pattern(BUDGET_AMOUNT_PATTERN))]
    pub amount: String,
}

/// 支援施策（program）に固有の項目。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
pub struct Program {
    /// 所管府省（分類「所管府省」の用語）。
    #[serde(default)]
    pub ministries: Vec<String>,
    /// 実施主体の機関または地域の ID（例: city-yokohama）。
    #[serde(default)]
    #[schemars(title = "実施主体")]
    pub owner: Option<String>,
    /// 実施機関の ID（例: amed）。
    #[serde(default)]
    #[schemars(title = "実施機関")]
    pub implementers: Vec<String>,
    /// 施策を利用できる地域の ID。
    #[serde(default)]
    #[schemars(title = "地域")]
    pub places: Vec<String>,
    /// 支援分野（研究開発、実用化・事業化、スタートアップ、人材育成、国際展開）。
    #[serde(default)]
    pub support_areas: Vec<String>,
    /// 支援の種類（資金支援・ソフト支援）。
    #[serde(default)]
    pub support_kinds: Vec<String>,
    /// 医療機器に特化した事業なら true（●）、限定しない事業なら false（○）。
    #[serde(default)]
    #[schemars(title = "医療機器特化")]
    pub device_specific: Option<bool>,
    /// 研究開発フェーズ（基礎研究〜事業展開）。
    #[serde(default)]
    pub phases: Vec<String>,
    /// 支援段階（段階①〜⑧）。
    #[serde(default)]
    pub stages: Vec<String>,
    /// この施策が当たる段階別の支援メニュー（分類「段階別の支援メニュー」の用語。例: 段階④-2）。
    #[serde(default)]
    #[schemars(title = "支援メニュー")]
    pub stage_menus: Vec<String>,
    /// 予算額（年度・種類・金額を出典の表記どおりに）。
    #[serde(default)]
    pub budgets: Vec<Budget>,
    /// 事業期間（出典の表記どおり）。
    #[serde(default)]
    pub period: Option<String>,
    /// 対象者（出典の表記に基づいて簡潔に）。
    #[serde(default)]
    #[schemars(title = "対象")]
    pub targets: Option<String>,
}

/// 支援機関（organization）に固有の項目。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
pub struct Organization {
    /// 機関の種類（分類「機関の種類」の用語）。
    #[serde(default)]
    pub organization_type: Option<String>,
    /// 所管府省（国の機関の場合、出典に記載があれば）。
    #[serde(default)]
    pub ministries: Vec<String>,
    /// 地区（分類「地区」の用語）。
    #[serde(default)]
    pub region: Option<String>,
    /// 所在の都道府県（分類「都道府県」の用語）。
    #[serde(default)]
    #[schemars(title = "都道府県")]
    pub prefecture: Option<String>,
    /// 所在の地域（市など）の ID。
    #[serde(default)]
    #[schemars(title = "所在地")]
    pub places: Vec<String>,
    /// 地域連携自立化推進拠点（★）なら true。
    #[serde(default)]
    pub regional_hub: bool,
    /// 地域連携自立化推進拠点に採択された年度（出典に記載がある場合のみ）。
    #[schemars(title = "拠点の採択年度")]
    #[serde(default)]
    pub hub_since: Option<FiscalYear>,
}

/// 地域（place）に固有の項目。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
pub struct Place {
    /// 地域の種類（都道府県・指定都市・市・特別区）。
    pub place_type: String,
    /// 都道府県（分類「都道府県」の用語）。
    pub prefecture: String,
}

/// 事例（case）に固有の項目。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
pub struct Case {
    /// 記録の種別（分類「記録の種別」の用語: 事例、採択一覧、調査結果、行動計画、構想）。
    #[serde(default)]
    pub record_type: Option<String>,
    /// 事例の類型（類型①〜③。出典で分類されている場合のみ）。
    #[serde(default)]
    pub case_type: Option<String>,
    /// 事例の地域の ID。
    #[serde(default)]
    #[schemars(title = "地域")]
    pub places: Vec<String>,
    /// 関わった機関の ID。
    #[serde(default)]
    #[schemars(title = "関わった機関")]
    pub organizations: Vec<String>,
    /// 活用した支援施策の ID。
    #[serde(default)]
    #[schemars(title = "活用した支援施策")]
    pub programs: Vec<String>,
    /// 経た支援段階（段階①〜⑧）。
    #[serde(default)]
    #[schemars(title = "支援段階")]
    pub stages: Vec<String>,
    /// 期間（出典の表記どおり）。
    #[serde(default)]
    pub period: Option<String>,
}

/// The kind-specific part of a record.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum KindData {
    Program(Program),
    Organization(Organization),
    Place(Place),
    Case(Case),
}

impl KindData {
    pub fn kind(&self) -> Kind {
        match self {
            KindData::Program(_) => Kind::Program,
            KindData::Organization(_) => Kind::Organization,
            KindData::Place(_) => Kind::Place,
            KindData::Case(_) => Kind::Case,
        }
    }
}

/// A source document in `seeds/`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// 資料 ID（ファイル名と同じ）。
    pub id: String,
    /// 資料の題名。
    pub title: String,
    /// 作成者・発行者。
    #[serde(default)]
    pub publisher: Option<String>,
    /// 資料に記載された日付。
    #[serde(default)]
    pub date: Option<Date>,
    /// 日付についての補足（日付の記載がない場合など）。
    #[serde(default)]
    pub date_note: Option<String>,
    /// 資料が対象とする年度。
    #[serde(default)]
    pub fiscal_year: Option<FiscalYear>,
    /// 元資料のファイル名。
    #[serde(default)]
    pub file: Option<String>,
    /// 資料が扱う内容。
    pub covers: String,
    /// 資料の URL。
    #[serde(default)]
    pub url: Option<String>,
}

/// The accessibility test report, `content/accessibility.yaml`, written by
/// the automated run (tests/browser/a11y.test.mjs with UPDATE_A11Y_REPORT=1)
/// and published as the site's accessibility page.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityReport {
    /// The standard and level aimed at, e.g. JIS X 8341-3:2016 レベルAA準拠.
    pub target: String,
    /// The date of the test run.
    pub tested: Date,
    /// How pages were tested (tool and version, browser, rule set).
    pub method: String,
    pub pages: Vec<TestedPage>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TestedPage {
    /// The page type, e.g. 支援施策のページ.
    pub kind: String,
    pub url: String,
    /// Violations the tool found.
    pub violations: u32,
}

/// Site configuration, `atlas.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Who publishes the site (shown in the footer and feeds).
    #[serde(default)]
    pub publisher: Option<String>,
    /// Cards per page of a list (a kind's list, a term, a source, what's
    /// new); longer lists continue on `…/page/2/` and so on.
    #[serde(default = "default_page_size")]
    pub page_size: std::num::NonZeroUsize,
    /// The main menu, in order (none when left out).
    #[serde(default)]
    pub nav: Vec<NavItem>,
    /// The name of the home page at the start of every breadcrumb trail.
    #[serde(default = "default_home_label")]
    pub home_label: String,
    /// The browser editor at /admin/ (Decap CMS); without this section the
    /// site has none.
    #[serde(default)]
    pub cms: Option<CmsConfig>,
}

/// The `cms:` section of `atlas.yaml`: where the browser editor at /admin/
/// saves what people write in its forms.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CmsConfig {
    /// Where edits are saved (a Decap CMS backend).
    pub backend: CmsBackend,
    /// The repository, `owner/name`; needed by every backend but
    /// `git-gateway` (which saves to the repository the Netlify site is
    /// built from) and `test-repo`.
    #[serde(default)]
    pub repo: Option<String>,
    /// The branch edits are saved to.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// Decap's local backend (`npx decap-server`) for editing the files of
    /// this computer: `true` (http://localhost:8081/api/v1) or its URL. The
    /// editor uses it only when opened on localhost or 127.0.0.1.
    #[serde(default)]
    pub local_backend: Option<LocalBackend>,
}

/// A Decap CMS backend: where the editor reads and saves records.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum CmsBackend {
    /// Netlify Identity and Git Gateway: editors log in with an e-mail
    /// address, no Git hosting account needed.
    GitGateway,
    Github,
    Gitlab,
    Gitea,
    Bitbucket,
    Azure,
    /// Decap's in-memory demo backend: nothing is saved.
    TestRepo,
}

impl CmsBackend {
    /// The backend's name in Decap's configuration.
    pub fn name(self) -> &'static str {
        match self {
            CmsBackend::GitGateway => "git-gateway",
            CmsBackend::Github => "github",
            CmsBackend::Gitlab => "gitlab",
            CmsBackend::Gitea => "gitea",
            CmsBackend::Bitbucket => "bitbucket",
            CmsBackend::Azure => "azure",
            CmsBackend::TestRepo => "test-repo",
        }
    }
    /// Whether the backend needs `repo`.
    pub fn needs_repo(self) -> bool {
        !matches!(self, CmsBackend::GitGateway | CmsBackend::TestRepo)
    }
}

/// `local_backend:` of the `cms:` section.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum LocalBackend {
    On(bool),
    Url(String),
}

impl CmsConfig {
    /// What serde cannot check: the field at fault (a path such as
    /// `cms.repo`), the problem and what to do.
    pub fn problems(&self) -> Vec<(&'static str, crate::messages::Message, crate::messages::Message)> {
        use crate::messages::Message;
        let mut out = Vec::new();
        let backend = self.backend.name().to_string();
        match &self.repo {
            None if self.backend.needs_repo() => {
                out.push(("cms.backend", Message::CmsRepoMissing { backend: backend.clone() }, Message::CmsRepoMissingHelp { backend }))
            }
            Some(repo) if !is_repo_name(repo) => {
                out.push(("cms.repo", Message::CmsRepoForm { repo: repo.clone() }, Message::CmsRepoFormHelp))
            }
            _ => {}
        }
        if self.branch.trim().is_empty() || self.branch.chars().any(|c| c.is_whitespace() || c.is_control()) {
            out.push(("cms.branch", Message::CmsBranchForm { branch: self.branch.clone() }, Message::CmsBranchFormHelp));
        }
        if let Some(LocalBackend::Url(url)) = &self.local_backend
            && !is_loopback_url(url)
        {
            out.push(("cms.local_backend", Message::CmsLocalBackendUrl { url: url.clone() }, Message::CmsLocalBackendUrlHelp));
        }
        out
    }
}

/// `owner/name` (GitLab groups may nest: `group/sub/name`).
fn is_repo_name(repo: &str) -> bool {
    let parts: Vec<&str> = repo.split('/').collect();
    parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
}

/// An http URL on this computer, where decap-server listens.
fn is_loopback_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once(':').filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit())).map_or(host, |(h, _)| h);
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

fn default_branch() -> String {
    "main".into()
}

/// One item of the main menu (`nav` in atlas.yaml).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NavItem {
    pub label: String,
    /// The page it links to, e.g. `/programs/`.
    pub url: String,
    /// The line of `url` in atlas.yaml, for errors found after loading.
    #[serde(skip)]
    pub line: usize,
}

fn default_home_label() -> String {
    "ホーム".into()
}

fn default_page_size() -> std::num::NonZeroUsize {
    std::num::NonZeroUsize::new(100).expect("100 is not zero")
}

fn default_language() -> String {
    "ja".into()
}
fn default_theme() -> String {
    "default".into()
}

/// 文字列または数値。
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum ScalarSchema {
    Text(String),
    Number(f64),
}

fn scalar_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    opt_scalar_string(d)?.ok_or_else(|| serde::de::Error::custom(crate::messages::carry(&crate::messages::Message::NotText)))
}

/// Text or a number; an empty value (`as_of:` in YAML, null in the JSON
/// downloads) is none.
fn opt_scalar_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match serde_yaml::Value::deserialize(d)? {
        serde_yaml::Value::String(s) => Ok(Some(s)),
        serde_yaml::Value::Number(n) => Ok(Some(n.to_string())),
        serde_yaml::Value::Null => Ok(None),
        _ => Err(serde::de::Error::custom(crate::messages::carry(&crate::messages::Message::NotText))),
    }
}

/// JSON Schema of one kind's front matter alone.
pub fn kind_schema(kind: Kind) -> schemars::Schema {
    match kind {
        Kind::Program => schemars::schema_for!(Program),
        Kind::Organization => schemars::schema_for!(Organization),
        Kind::Place => schemars::schema_for!(Place),
        Kind::Case => schemars::schema_for!(Case),
    }
}

/// The form of a budget amount: a figure as the sources print it, with
/// thousands grouped by commas (or not at all), an optional decimal part, an
/// optional unit and 円; full-width digits are accepted; 約 may precede it.
/// Shared by `atlas check` and the JSON Schema so that both agree.
pub const BUDGET_AMOUNT_PATTERN: &str =
    r"^約?([0-9０-９]{1,3}([,，][0-9０-９]{3})+|[0-9０-９]+)([.．][0-9０-９]+)?(千|万|百万|千万|億|兆)?円$";

/// A budget label must say what kind of figure it is.
pub const BUDGET_LABEL_PATTERN: &str = "予算|要求|補正|決算|事業費";

/// The JSON Schema of record front matter, as `atlas schema` prints it and
/// docs/atlas.schema.json ships it: one definition per kind (common fields
/// and the kind's own, nothing else allowed), and a record is any of them.
/// Draft-07, the dialect the YAML language server understands best.
pub fn json_schema() -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let gen_for = |kind: Option<Kind>| -> Value {
        let settings = schemars::generate::SchemaSettings::draft07();
        (match kind {
            None => settings.into_generator().into_root_schema_for::<Common>(),
            Some(Kind::Program) => settings.into_generator().into_root_schema_for::<Program>(),
            Some(Kind::Organization) => settings.into_generator().into_root_schema_for::<Organization>(),
            Some(Kind::Place) => settings.into_generator().into_root_schema_for::<Place>(),
            Some(Kind::Case) => settings.into_generator().into_root_schema_for::<Case>(),
        })
        .to_value()
    };
    fn take(definitions: &mut Map<String, Value>, schema: &Value) {
        if let Some(defs) = schema.get("definitions").and_then(Value::as_object) {
            definitions.extend(defs.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    let mut definitions = Map::new();
    let common = gen_for(None);
    take(&mut definitions, &common);
    let field_list = |schema: &Value, key: &str| schema.get(key).cloned().unwrap_or_else(|| json!([]));
    let mut any_of = Vec::new();
    for kind in Kind::ALL {
        let own = gen_for(Some(kind));
        take(&mut definitions, &own);
        let mut properties = common.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
        properties.extend(own.get("properties").and_then(Value::as_object).cloned().unwrap_or_default());
        let mut required: Vec<Value> = field_list(&common, "required").as_array().cloned().unwrap_or_default();
        required.extend(field_list(&own, "required").as_array().cloned().unwrap_or_default());
        let def = json!({
            "title": format!("{}（{}）", kind.label(), kind.name()),
            "description": format!("content/{}/ に置くレコードの front matter。", kind.folder()),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false,
        });
        definitions.insert(kind.name().to_string(), def);
        any_of.push(json!({ "$ref": format!("#/definitions/{}", kind.name()) }));
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "医工連携支援アトラスのレコード",
        "description": "content/ の Markdown ファイル冒頭の --- と --- の間（front matter）に書く項目。種類（program・organization・place・case）はフォルダで決まる。",
        "anyOf": any_of,
        "definitions": definitions,
    })
}

/// `json_schema()` as text, exactly as shipped in docs/atlas.schema.json.
pub fn json_schema_text() -> String {
    serde_json::to_string_pretty(&json_schema()).unwrap_or_default() + "\n"
}
