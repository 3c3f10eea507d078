//! The message table: one entry per message, with its stable id (the JSON
//! `code`; never change one that has shipped), its arguments, and its text
//! in Japanese and in English. Field names, ids and values that authors
//! wrote appear as written, in backquotes, in both languages.

use super::Lang;

/// Defines `Message` from the table; an entry without both texts does not
/// compile.
macro_rules! catalogue {
    ($(
        $(#[$doc:meta])*
        $name:ident $({ $($arg:ident : $ty:ty),* $(,)? })? = $code:literal {
            ja: $ja:literal,
            en: $en:literal $(,)?
        }
    )*) => {
        /// A message of the catalogue with its arguments.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum Message {
            $( $(#[$doc])* $name $({ $($arg: $ty),* })? ),*
        }

        impl Message {
            /// (id, Japanese, English) of every entry, as written in the table.
            pub const TABLE: &[(&str, &str, &str)] = &[$(($code, $ja, $en)),*];

            /// The stable id of the message (`code` in JSON output).
            pub fn code(&self) -> &'static str {
                match self {
                    $( Message::$name { .. } => $code ),*
                }
            }

            /// The message in words.
            pub fn text(&self, lang: Lang) -> String {
                match self {
                    $( Message::$name $({ $($arg),* })? => match lang {
                        Lang::Ja => format!($ja),
                        Lang::En => format!($en),
                    } ),*
                }
            }
        }
    };
}

catalogue! {
    // ---- Labels of the human output ----
    LabelError = "label.error" { ja: "エラー", en: "error" }
    LabelHelp = "label.help" { ja: "対処", en: "help" }
    LabelWarning = "label.warning" { ja: "注意", en: "warning" }

    // ---- Files ----
    FileEmpty = "file-empty" { ja: "ファイルが空です", en: "the file is empty" }
    FileEmptyHelp = "file-empty.help" {
        ja: "1 行目に `---`、続けて YAML の項目、最後にもう一度 `---` の行を書きます。`atlas new` でひな形を作れます",
        en: "start the file with a `---` line, the YAML fields, and another `---` line; `atlas new` writes a template",
    }
    NoFrontMatter = "no-front-matter" { ja: "ファイルが front matter（`---` で挟んだ項目）で始まっていません", en: "the file does not start with front matter" }
    NoFrontMatterHelp = "no-front-matter.help" {
        ja: "ファイルの先頭に `---` だけの行を置き、YAML の項目を書いて、もう一度 `---` だけの行で閉じます",
        en: "put a line with only `---` at the very top, then the YAML fields, then another `---` line",
    }
    FrontMatterUnclosed = "front-matter-unclosed" { ja: "front matter が閉じられていません", en: "the front matter is not closed" }
    FrontMatterUnclosedHelp = "front-matter-unclosed.help" {
        ja: "最後の YAML の項目の後に `---` だけの行を入れます",
        en: "add a line with only `---` after the last YAML field",
    }
    FileUnreadable { error: String } = "file-unreadable" { ja: "ファイルを読めません: {error}", en: "cannot read the file: {error}" }
    FileTooLarge { size: u64, max: u64 } = "file-too-large" {
        ja: "ファイルが {size} バイトあります。レコードは {max} バイトまでです",
        en: "the file is {size} bytes; records may be at most {max} bytes",
    }
    FileTooLargeHelp = "file-too-large.help" {
        ja: "複数のレコードに分けるか、長い資料は出典の資料（seeds/）に移します",
        en: "split the text into several records or move long material to the source document",
    }
    NotUtf8 = "not-utf8" { ja: "ファイルが UTF-8 ではありません", en: "the file is not valid UTF-8" }
    NotUtf8Help = "not-utf8.help" {
        ja: "文字コードを UTF-8 にして保存し直します（Shift_JIS は使えません）。多くのエディタでは「エンコード付きで保存」で選べます",
        en: "save the file as UTF-8 (not Shift_JIS); most editors offer this under \"Save with encoding\"",
    }
    ConfigUnreadable { error: String } = "config-unreadable" {
        ja: "サイトの設定ファイルを読めません: {error}",
        en: "cannot read the site configuration: {error}",
    }
    ConfigUnreadableHelp { root: String } = "config-unreadable.help" {
        ja: "サイトのフォルダ（atlas.yaml のあるフォルダ）で実行するか、--root で指定します。探した場所: {root}",
        en: "run atlas in a site root (a folder with atlas.yaml), or pass --root; looked in {root}",
    }
    CannotRead { error: String } = "cannot-read" { ja: "読めません: {error}", en: "cannot read: {error}" }
    NotARecordFolder { folder: String } = "not-a-record-folder" {
        ja: "`content/{folder}/` はレコードのフォルダではありません",
        en: "`content/{folder}/` is not a record folder",
    }
    NotARecordFolderHelp = "not-a-record-folder.help" {
        ja: "レコードは content/programs、content/organizations、content/places、content/cases のいずれかに置きます",
        en: "records live in content/programs, content/organizations, content/places or content/cases",
    }
    TemplateNotUtf8 = "template-not-utf8" { ja: "テンプレートが UTF-8 ではありません", en: "the template is not valid UTF-8" }
    ThemeMissing { theme: String } = "theme-missing" { ja: "テーマ `{theme}` がありません", en: "the theme `{theme}` does not exist" }
    ThemeMissingHelp { theme: String } = "theme-missing.help" {
        ja: "themes/{theme}/ を作るか、`theme: default` にします",
        en: "create themes/{theme}/ or set `theme: default`",
    }
    CmsRepoMissing { backend: String } = "cms-repo-missing" {
        ja: "編集画面の保存先 `{backend}` には `repo` が要ります",
        en: "the editor's backend `{backend}` needs `repo`",
    }
    CmsRepoMissingHelp { backend: String } = "cms-repo-missing.help" {
        ja: "`cms:` に `repo: 所有者/リポジトリ名` を書くか、Netlify で公開しているなら `backend: git-gateway` にします（`{backend}` のままなら repo が必要です）",
        en: "add `repo: owner/name` under `cms:`, or use `backend: git-gateway` for a site published by Netlify (`{backend}` needs a repo)",
    }
    CmsRepoForm { repo: String } = "cms-repo-form" {
        ja: "`repo` の `{repo}` はリポジトリの名前の形ではありません",
        en: "`repo` `{repo}` is not a repository name",
    }
    CmsRepoFormHelp = "cms-repo-form.help" {
        ja: "`所有者/リポジトリ名` の形で書きます（例: `city-example/atlas`）。URL ではなく名前だけです",
        en: "write `owner/name` (e.g. `city-example/atlas`), the name only, not a URL",
    }
    CmsBranchForm { branch: String } = "cms-branch-form" {
        ja: "`branch` の `{branch}` はブランチの名前になりません",
        en: "`branch` `{branch}` is not a branch name",
    }
    CmsBranchFormHelp = "cms-branch-form.help" {
        ja: "空白を含まないブランチ名を書きます（例: `main`）",
        en: "write a branch name without spaces (e.g. `main`)",
    }
    CmsLocalBackendUrl { url: String } = "cms-local-backend-url" {
        ja: "`local_backend` の `{url}` はこのコンピュータの http の URL ではありません",
        en: "`local_backend` `{url}` is not an http URL on this computer",
    }
    CmsLocalBackendUrlHelp = "cms-local-backend-url.help" {
        ja: "`true`（http://localhost:8081/api/v1）か、`http://localhost:ポート番号/api/v1` の形で書きます",
        en: "write `true` (http://localhost:8081/api/v1) or `http://localhost:PORT/api/v1`",
    }
    TemplateError { detail: String } = "template-error" { ja: "テンプレートのエラー: {detail}", en: "template error: {detail}" }
    TemplateErrorHelp = "template-error.help" {
        ja: "メッセージに書かれたテンプレートを直します",
        en: "fix the template named in the message",
    }

    // ---- YAML syntax ----
    YamlSyntax { detail: String } = "yaml.syntax" { ja: "YAML の書き方の誤り（{detail}）", en: "YAML syntax error: {detail}" }
    YamlSyntaxHelp = "yaml.syntax.help" {
        ja: "この行の引用符と字下げを確かめます。`: ` を含む値や、`[`、`{{`、`*`、`&`、`#` で始まる値は \"…\" で囲みます",
        en: "check the quoting and indentation on this line; values containing `: ` or starting with `[`, `{{`, `*`, `&` or `#` need quotes",
    }
    YamlTooDeep { max: usize } = "yaml.too-deep" { ja: "YAML の入れ子が {max} 段を超えています", en: "YAML is nested more than {max} levels deep" }
    YamlTooDeepHelp = "yaml.too-deep.help" { ja: "入れ子を浅くします", en: "nest less deeply" }
    YamlTab = "yaml.tab" { ja: "字下げにタブが使われています", en: "a tab is used for indentation" }
    YamlTabHelp = "yaml.tab.help" {
        ja: "YAML の字下げにはタブを使えません。半角スペースで字下げします",
        en: "YAML does not allow tabs for indentation: indent with spaces",
    }
    YamlUnclosedQuote { quote: String } = "yaml.unclosed-quote" {
        ja: "引用符 {quote} が閉じられていません",
        en: "the quote {quote} is not closed",
    }
    YamlUnclosedQuoteHelp { quote: String } = "yaml.unclosed-quote.help" {
        ja: "値の終わりにも {quote} を書きます（値の中に {quote} を書くときは、もう一方の引用符で囲みます）",
        en: "end the value with {quote} too (to write {quote} inside a value, quote it with the other kind of quote)",
    }
    YamlUnclosedBracket { open: String } = "yaml.unclosed-bracket" {
        ja: "`{open}` が閉じられていません",
        en: "`{open}` is not closed",
    }
    YamlUnclosedBracketHelp { close: String } = "yaml.unclosed-bracket.help" {
        ja: "同じ行の最後の項目の後に `{close}` を書きます",
        en: "write `{close}` after the last item, on the same line",
    }
    YamlUnexpectedBracket { bracket: String } = "yaml.unexpected-bracket" {
        ja: "対応する開き括弧のない `{bracket}` があります",
        en: "`{bracket}` closes nothing",
    }
    YamlUnexpectedBracketHelp = "yaml.unexpected-bracket.help" {
        ja: "余分な括弧を消すか、括弧を含む値を \"…\" で囲みます",
        en: "remove the extra bracket, or quote the value that contains it",
    }
    YamlColonInValue { key: String } = "yaml.colon-in-value" {
        ja: "`{key}` の値に「: 」（コロンと空白）が含まれています",
        en: "the value of `{key}` contains `: ` (a colon and a space)",
    }
    YamlColonInValueHelp = "yaml.colon-in-value.help" {
        ja: "値全体を \"…\" で囲みます（例: `note: \"注: 2023年時点\"`）",
        en: "put the whole value in quotes (e.g. `note: \"注: 2023年時点\"`)",
    }
    YamlBadIndent = "yaml.bad-indent" { ja: "字下げがそろっていません", en: "the indentation does not match" }
    YamlBadIndentHelp { key: String, line: usize, spaces: usize } = "yaml.bad-indent.help" {
        ja: "{line} 行目の `{key}` と同じく、行頭に半角スペースを {spaces} 個置きます",
        en: "indent the line by {spaces} spaces, like `{key}` on line {line}",
    }
    YamlDuplicateKey { key: String, first: usize } = "yaml.duplicate-key" {
        ja: "項目 `{key}` が 2 回書かれています（最初は {first} 行目）",
        en: "the field `{key}` appears twice (first on line {first})",
    }
    YamlDuplicateKeyHelp = "yaml.duplicate-key.help" {
        ja: "項目は 1 回だけ書きます。どちらかの行を消すか、値をまとめます",
        en: "a field may appear only once: remove one of the lines or merge their values",
    }
    YamlNotMapping = "yaml.not-mapping" {
        ja: "front matter は「項目名: 値」の行の並びにします",
        en: "the front matter must be a list of `field: value` lines",
    }
    YamlNotMappingHelp { kind: String } = "yaml.not-mapping.help" {
        ja: "`id:` と `name:` から書き始めます。`atlas new {kind} <id>` でひな形を作れます",
        en: "start with `id:` and `name:`; run `atlas new {kind} <id>` for a template",
    }
    FieldNameNotText = "field-name-not-text" { ja: "項目名は文字で書きます", en: "field names must be text" }

    // ---- Fields and values ----
    UnknownField { field: String } = "unknown-field" { ja: "知らない項目 `{field}` があります", en: "unknown field `{field}`" }
    DidYouMean { suggestion: String } = "did-you-mean" { ja: "`{suggestion}` のことではありませんか？", en: "did you mean `{suggestion}`?" }
    RemoveField { kind: String, fields: String } = "unknown-field.help" {
        ja: "この行を消します。{kind} の項目は次のとおりです: {fields}",
        en: "remove it; the fields of a {kind} are: {fields}",
    }
    RemoveNestedField { fields: String } = "unknown-field.nested.help" {
        ja: "この行を消します。ここに書ける項目は次のとおりです: {fields}",
        en: "remove it; the fields allowed here are: {fields}",
    }
    MissingField { field: String } = "missing-field" { ja: "必須の項目 `{field}` がありません", en: "missing required field `{field}`" }
    MissingFieldHelp { field: String } = "missing-field.help" {
        ja: "front matter に `{field}:` の行を書きます",
        en: "add a `{field}:` line to the front matter",
    }
    NotABoolean { found: String } = "value.not-a-boolean" {
        ja: "`{found}` は真偽値ではありません（true か false を書きます）",
        en: "`{found}` is not a yes/no value (write true or false)",
    }
    NotAList = "value.not-a-list" { ja: "この項目はリストで書きます", en: "this field takes a list" }
    NotAListHelp = "value.not-a-list.help" {
        ja: "`[a, b]` のように書くか、1 件ずつ `- ` で始まる行に書きます",
        en: "write `[a, b]`, or one item per line starting with `- `",
    }
    NotText = "value.not-text" { ja: "この項目には文字か数値を書きます", en: "this field takes text or a number" }
    NotANumber { found: String } = "value.not-a-number" { ja: "`{found}` は数値ではありません", en: "`{found}` is not a number" }
    NotAMapping = "value.not-a-mapping" { ja: "この項目は「項目名: 値」の組で書きます", en: "this field takes `name: value` entries" }
    NotOneOf { value: String, allowed: String } = "value.not-one-of" {
        ja: "`{value}` は使えません。使える値: {allowed}",
        en: "`{value}` is not allowed; use one of: {allowed}",
    }
    WrongValue { detail: String } = "value.wrong" { ja: "値が正しくありません（{detail}）", en: "wrong value: {detail}" }
    WrongValueHelp = "value.wrong.help" {
        ja: "各項目に書ける値は docs/fields.md と docs/authoring.md にあります",
        en: "see docs/fields.md and docs/authoring.md for what each field takes",
    }
    NotAFiscalYear { value: String } = "value.not-a-fiscal-year" {
        ja: "`{value}` は年度ではありません（2023 や 令和5年度 のように書きます）",
        en: "`{value}` is not a fiscal year (write e.g. 2023 or 令和5年度)",
    }
    EraYearOutOfRange { value: String } = "value.era-year-out-of-range" {
        ja: "`{value}`: 和暦の年は 1 から 99 までです",
        en: "`{value}`: era year must be between 1 and 99",
    }
    FiscalYearOutOfRange { value: String, year: i32 } = "value.fiscal-year-out-of-range" {
        ja: "`{value}`: {year} 年度は範囲外です（1900〜2100）",
        en: "`{value}`: fiscal year {year} is out of range (1900–2100)",
    }
    NotADate { value: String } = "value.not-a-date" {
        ja: "`{value}` は日付ではありません。YYYY-MM-DD の形（例: 2024-04-01）で書きます",
        en: "`{value}` is not a date; write it as YYYY-MM-DD, e.g. 2024-04-01",
    }
    ImpossibleDate { value: String } = "value.impossible-date" {
        ja: "`{value}` は実在しない日付です",
        en: "`{value}` is not a real calendar date",
    }

    NotAnAsOfDate { value: String } = "value.not-an-as-of-date" {
        ja: "`{value}` は YYYY-MM-DD、YYYY-MM、YYYY、FYYYYY（年度）のいずれかの形の日付、またはそれを / でつないだ期間ではありません",
        en: "`{value}` is not a date of the form YYYY-MM-DD, YYYY-MM, YYYY or FYYYYY (fiscal year), or two of them joined by / for a period",
    }
    PeriodReversed { value: String } = "value.period-reversed" {
        ja: "`{value}`: 期間の終わりが始まりより前です",
        en: "`{value}`: the period ends before it starts",
    }

    // ---- Ids, terms and references ----
    IdNotSlug { id: String } = "id.not-a-slug" { ja: "id `{id}` に使えない文字があります", en: "the id `{id}` is not a safe slug" }
    IdNotSlugHelp = "id.not-a-slug.help" {
        ja: "半角の英小文字・数字と、間に 1 つずつのハイフンで、80 文字までにします（例: city-saitama）。id はページの URL になります",
        en: "use lowercase ASCII letters, digits and single hyphens, at most 80 characters (e.g. city-saitama); the id becomes the page URL",
    }
    IdReserved { id: String, folder: String } = "id.reserved" {
        ja: "id `{id}` は一覧のページが使います（/{folder}/{id}/2/ は一覧の 2 ページ目です）",
        en: "the id `{id}` is taken by the list pages (/{folder}/{id}/2/ is page 2 of the list)",
    }
    ChooseAnotherId = "id.choose-another" { ja: "別の id にします", en: "choose another id" }
    IdTaken { id: String, file: String } = "id.taken" { ja: "id `{id}` は {file} で使われています", en: "the id `{id}` is already used by {file}" }
    IdTakenHelp = "id.taken.help" {
        ja: "id はすべてのレコードを通して 1 つずつです。別の id にします",
        en: "ids are unique across all records: choose another id",
    }
    NotATerm { value: String, title: String, taxonomy: String } = "term.unknown" {
        ja: "`{value}` は{title}（{taxonomy}）の用語ではありません",
        en: "`{value}` is not a term of {title} ({taxonomy})",
    }
    DidYouMeanTerm { suggestion: String, taxonomy: String } = "term.did-you-mean" {
        ja: "`{suggestion}` のことではありませんか？ 用語は content/taxonomies/{taxonomy}.yaml にあります",
        en: "did you mean `{suggestion}`? The terms are defined in content/taxonomies/{taxonomy}.yaml",
    }
    UseOneOfTerms { ids: String, taxonomy: String } = "term.use-one-of" {
        ja: "次のいずれかを書きます: {ids}（content/taxonomies/{taxonomy}.yaml）",
        en: "use one of: {ids} (content/taxonomies/{taxonomy}.yaml)",
    }
    NotAStage { value: String } = "term.not-a-stage" {
        ja: "`{value}` は支援段階（stages）の用語ではありません",
        en: "`{value}` is not a term of the stages taxonomy",
    }
    NotAStageHelp = "term.not-a-stage.help" {
        ja: "stage-4 のような段階の id か、段階④ のようなラベルを書きます（content/taxonomies/stages.yaml）",
        en: "write a stage id such as stage-4 or its label such as 段階④ (content/taxonomies/stages.yaml)",
    }
    NoSuchRecord { id: String } = "reference.no-such-record" { ja: "id が `{id}` のレコードはありません", en: "no record has the id `{id}`" }
    CreateRecordFirst { kind: String, id: String } = "reference.create-first" {
        ja: "先にそのレコードを作ります（atlas new {kind} {id}）",
        en: "create the record first (atlas new {kind} {id})",
    }
    WrongKind { id: String, is: String, takes: String } = "reference.wrong-kind" {
        ja: "`{id}` は{is}ですが、この項目には{takes}を書きます",
        en: "`{id}` is a {is}, but this field takes a {takes}",
    }
    WrongKindHelp = "reference.wrong-kind.help" { ja: "正しい種類のレコードを指します", en: "point at a record of the right kind" }
    NoSuchSource { id: String } = "source.no-such-source" { ja: "id が `{id}` の出典資料はありません", en: "no source document has the id `{id}`" }
    RegisterSource = "source.register" {
        ja: "先に資料を seeds/<id>.yaml に登録します",
        en: "register the document in seeds/<id>.yaml first",
    }
    NoSources = "source.none-cited" { ja: "レコードには出典を 1 つ以上書きます", en: "every record must cite at least one source" }
    NoSourcesHelp = "source.none-cited.help" {
        ja: "`- source: <id>` の行を、seeds/ にある資料の id で書きます",
        en: "add `- source: <id>` with the seeds/ id of the document",
    }
    SourceIdMismatch { id: String, stem: String } = "source.id-mismatch" {
        ja: "資料の id `{id}` がファイル名 `{stem}` と違います",
        en: "the source id `{id}` differs from the file name `{stem}`",
    }
    SourceIdMismatchHelp = "source.id-mismatch.help" {
        ja: "ファイル名を id に合わせます（seeds/<id>.yaml）",
        en: "name the file after the id, e.g. seeds/<id>.yaml",
    }
    TaxonomyBadName { slug: String } = "taxonomy.bad-name" {
        ja: "`{slug}` は分類の名前にできません（URL /{slug}/ になります）",
        en: "`{slug}` cannot name a taxonomy: it becomes the URL /{slug}/",
    }
    TaxonomyBadNameHelp { reserved: String } = "taxonomy.bad-name.help" {
        ja: "ファイル名を半角の英小文字・数字・ハイフンにし、次の名前は避けます: {reserved}",
        en: "rename the file with lowercase ASCII letters, digits and hyphens, avoiding {reserved}",
    }
    TermIdNotSlug { id: String } = "taxonomy.term-not-a-slug" {
        ja: "用語の id `{id}` に使えない文字があります（半角の英小文字・数字と、間に 1 つずつのハイフン）",
        en: "term id `{id}` is not a safe slug (lowercase ASCII letters, digits and single hyphens)",
    }
    TermTwice { id: String } = "taxonomy.term-twice" { ja: "用語の id `{id}` が 2 回定義されています", en: "term id `{id}` is defined twice" }
    TaxonomyMissing { slug: String } = "taxonomy.missing" { ja: "分類 `{slug}` がありません", en: "the taxonomy `{slug}` is missing" }
    TaxonomyMissingHelp = "taxonomy.missing.help" {
        ja: "レコードの項目が使う分類はどのサイトにも必要です。配布されているアトラスからファイルを写します",
        en: "every site defines the taxonomies the record schema uses; copy the file from the shipped atlas",
    }

    // ---- What records say ----
    NotAWebAddress { url: String } = "url.not-a-web-address" { ja: "`{url}` はウェブのアドレスではありません", en: "`{url}` is not a web address" }
    InvalidWebAddress { url: String } = "url.invalid" { ja: "`{url}` は正しいウェブのアドレスではありません", en: "`{url}` is not a valid web address" }
    FullAddressHelp = "url.help" {
        ja: "https:// か http:// で始まる完全なアドレスを、空白なしで書きます",
        en: "write the full address, starting with https:// or http://, without spaces",
    }
    UpdatedInFuture { date: String } = "updated.in-future" { ja: "更新日 {date} が未来の日付です", en: "the update date {date} is in the future" }
    UpdatedInFutureHelp = "updated.in-future.help" {
        ja: "実際にレコードを編集した日を書きます",
        en: "write the date the record was actually edited",
    }
    ChangeAfterUpdate { date: String, updated: String } = "changes.after-update" {
        ja: "更新履歴の日付 {date} が最終更新日 {updated} より後です",
        en: "the change dated {date} is later than the record's update date {updated}",
    }
    ChangeAfterUpdateHelp { date: String } = "changes.after-update.help" {
        ja: "`updated:` を {date} にします（更新履歴の最新の日付が最終更新日です）。日付の誤りならこちらを直します",
        en: "set `updated:` to {date} (the newest change is the last update), or correct this date if it is wrong",
    }
    EmptyText { field: String } = "text.empty" { ja: "`{field}` が空です", en: "`{field}` is empty" }
    EmptyTextHelp = "text.empty.help" { ja: "文を書きます", en: "write the text" }
    RegionMismatch { prefecture: String, expected: String, region: String } = "region.mismatch" {
        ja: "都道府県 `{prefecture}` は地方 `{expected}` に属します（`{region}` ではありません）",
        en: "the prefecture `{prefecture}` belongs to the region `{expected}`, not `{region}`",
    }
    RegionMismatchHelp = "region.mismatch.help" {
        ja: "`region` を消す（都道府県から決まります）か、直します",
        en: "leave `region` out (it follows from the prefecture) or correct it",
    }
    AmountForm { amount: String } = "budget.amount" {
        ja: "`{amount}` は金額の書き方になっていません",
        en: "`{amount}` is not written as an amount of money",
    }
    AmountFormHelp = "budget.amount.help" {
        ja: "出典の数字を単位と「円」まで含めてそのまま書きます（例: 1,024百万円、30.0億円、63,968千円）",
        en: "write the figure as the source prints it, with its unit and 円, e.g. 1,024百万円, 30.0億円 or 63,968千円",
    }
    BudgetLabel { label: String } = "budget.label" {
        ja: "ラベル `{label}` から金額の種類がわかりません",
        en: "the label `{label}` does not say what kind of figure it is",
    }
    BudgetLabelHelp = "budget.label.help" {
        ja: "出典の言葉で「予算」「要求」「補正」「決算」「事業費」のいずれかを含めて書きます（例: 令和5年度予算額、平成27年度概算要求額）。その他の数値は `facts` に書きます",
        en: "use the source's wording, which names 予算, 要求, 補正, 決算 or 事業費 (e.g. 令和5年度予算額, 平成27年度概算要求額); other figures belong in `facts`",
    }
    LinkBadAddress { url: String } = "link.bad-address" { ja: "リンク: `{url}` は正しいウェブのアドレスではありません", en: "link: `{url}` is not a valid web address" }
    LinkScheme { scheme: String } = "link.scheme" { ja: "リンク: `{scheme}:` のリンクは使えません", en: "link: `{scheme}:` links are not allowed" }
    LinkSchemeHelp = "link.scheme.help" {
        ja: "ウェブのアドレス（https://…）か、アトラスのページ（/programs/<id>/）にリンクします",
        en: "link to a web address (https://…) or to a page of the atlas (/programs/<id>/)",
    }
    NoSuchPage { url: String } = "link.no-such-page" { ja: "リンク: アトラスにページ `{url}` はありません", en: "link: there is no page `{url}` in the atlas" }
    AddSlash { url: String } = "link.add-slash" { ja: "`{url}` と書きます（ページのアドレスは / で終わります）", en: "write `{url}` (page addresses end with /)" }
    LinkExistingPage = "link.existing-page" {
        ja: "あるページにリンクします。支援施策なら /programs/<id>/ です",
        en: "link to an existing page, e.g. /programs/<id>/ for a program",
    }
    NoAnchorHere { anchor: String } = "link.no-anchor-here" { ja: "リンク: このページに見出し `#{anchor}` はありません", en: "link: this page has no anchor `#{anchor}`" }
    NoAnchor { url: String, anchor: String } = "link.no-anchor" { ja: "リンク: `{url}` に見出し `#{anchor}` はありません", en: "link: `{url}` has no anchor `#{anchor}`" }
    NoAnchorHelp = "link.no-anchor.help" {
        ja: "ある見出しの名前を使います。日本語の見出しは上から #section-1、#section-2…、英数字を含む見出しはその英数字です。`## 見出し {{#name}}` と書けば名前を付けられます",
        en: "use the anchor of an existing heading: Japanese headings are numbered #section-1, #section-2, …; others use their ASCII words, or give one with `## 見出し {{#anchor}}`",
    }

    FactWithoutDate { as_of: String } = "fact.no-as-of-date" {
        ja: "`{as_of}` は年を示していますが、この数値には `as_of_date` がありません",
        en: "`{as_of}` names a year but the fact has no `as_of_date`",
    }
    FactWithoutDateHelp = "fact.no-as-of-date.help" {
        ja: "同じ時点を西暦で `as_of_date:` に書きます（YYYY-MM-DD、YYYY-MM、YYYY、年度なら FY2023）",
        en: "add `as_of_date:` with the same time in Western form: YYYY-MM-DD, YYYY-MM, YYYY or FY2023 for a fiscal year",
    }
    FactWithoutLabel { date: String } = "fact.no-as-of" {
        ja: "`as_of_date: {date}` に対応する `as_of` がありません",
        en: "`as_of_date: {date}` has no `as_of` label",
    }
    FactWithoutLabelHelp = "fact.no-as-of.help" {
        ja: "出典の書き方どおりの時点を `as_of:` に書きます（例: 平成27年4月末時点）",
        en: "add `as_of:` with the time as the source writes it (e.g. 平成27年4月末時点)",
    }
    FactDateMismatch { date: String, as_of: String, years: String } = "fact.date-mismatch" {
        ja: "`{date}` は `{as_of}`（{years} 年）と合いません",
        en: "`{date}` does not match `{as_of}`, which names {years}",
    }
    FactDateMismatchHelp = "fact.date-mismatch.help" {
        ja: "ラベルの示す時点を西暦に直して書きます（令和5年度は FY2023、平成27年は 2015）",
        en: "write the time the label states, converted to the Western calendar (令和5年度 is FY2023, 平成27年 is 2015)",
    }

    // ---- Placeholders of `atlas new` ----
    PlaceholderLeft { field: String, placeholder: String } = "placeholder.left" {
        ja: "`{field}` が「{placeholder}」のままです",
        en: "`{field}` still holds the placeholder {placeholder}",
    }
    PlaceholderLeftHelp { what: String } = "placeholder.left.help" {
        ja: "ここに書く内容: {what}",
        en: "what to write here: {what}",
    }
    ProvisionalValue { field: String } = "placeholder.provisional" {
        ja: "`{field}` は `atlas new` が入れた仮の値のままです",
        en: "`{field}` still holds the provisional value `atlas new` wrote",
    }
    ProvisionalValueHelp { what: String, marker: String } = "placeholder.provisional.help" {
        ja: "値を確かめて正しく直し、行末のコメント「# {marker}」を消します（この項目: {what}）",
        en: "check the value, correct it, and delete the comment `# {marker}` at the end of the line (this field: {what})",
    }
    BodyPlaceholder = "placeholder.body" { ja: "本文が `atlas new` のひな形の文のままです", en: "the body is still the text `atlas new` wrote" }
    BodyPlaceholderHelp = "placeholder.body.help" {
        ja: "「（本文: …）」の段落を、出典をもとに自分の言葉で書いた本文に置き換えます",
        en: "replace the paragraph （本文: …） with the record's text, in your own words from the source",
    }

    // ---- Search synonyms ----
    SynonymsShapeHelp = "synonyms.shape.help" {
        ja: "このファイルには `groups:`（語のリストのリスト）を書きます。例: `- [海外展開, 国際展開]`",
        en: "the file holds `groups:`, a list of lists of words, e.g. `- [海外展開, 国際展開]`",
    }
    SynonymTooShort { word: String } = "synonyms.too-short" { ja: "`{word}` は同義語には短すぎます", en: "`{word}` is too short to be a synonym" }
    SynonymTooShortHelp = "synonyms.too-short.help" {
        ja: "同義語は 2 文字以上の語にします。1 文字ではほとんどの文に一致してしまいます",
        en: "synonyms are words of at least two characters; one character would match inside almost every text",
    }
    SynonymSpace { word: String } = "synonyms.space" { ja: "`{word}` に空白が含まれています", en: "`{word}` contains a space" }
    SynonymSpaceHelp = "synonyms.space.help" {
        ja: "検索は空白で語を区切るので、同義語は 1 語です。空白を除くか、別のグループに分けます",
        en: "a search splits the query at spaces, so a synonym is one word: write it without spaces or as separate groups",
    }
    SynonymTwice { word: String } = "synonyms.twice" { ja: "`{word}` が 2 回書かれています", en: "`{word}` appears twice" }
    SynonymRepeatHelp = "synonyms.twice.help" { ja: "重なった語を消します", en: "remove the repeated word" }
    SynonymMergeHelp { word: String, group: usize } = "synonyms.merge.help" {
        ja: "`{word}` はグループ {group} にもあります。2 つのグループを 1 つにまとめます",
        en: "`{word}` is already in group {group}; merge the two groups into one",
    }
    SynonymGroupSmall = "synonyms.group-too-small" { ja: "同義語のグループには 2 語以上が必要です", en: "a synonym group needs at least two words" }
    SynonymGroupSmallHelp = "synonyms.group-too-small.help" {
        ja: "同じレコードを見つけるべき他の語を加えるか、グループを消します",
        en: "add the other words that should find the same records, or remove the group",
    }

    // ---- Summary lines ----
    CheckPassed { records: usize, sources: usize } = "summary.check-passed" {
        ja: "エラーはありません（レコード {records} 件、出典 {sources} 件）。",
        en: "No errors in {records} records, {sources} sources.",
    }
    CheckFailed { count: usize } = "summary.check-failed" {
        ja: "{count} 件のエラーが見つかりました。",
        en: "{count} error(s) found.",
    }
    BuildFailed { count: usize, out: String } = "summary.build-failed" {
        ja: "{count} 件のエラーが見つかったため、ビルドしませんでした。{out} は元のままです。",
        en: "{count} error(s) found; nothing was built and {out} was left as it was.",
    }
    BuildRenderFailed { detail: String, out: String } = "summary.build-render-failed" {
        ja: "ビルドに失敗しました: {detail}。{out} は元のままです。",
        en: "the build failed: {detail}. The previous site in {out} was left as it was.",
    }
    Built { records: usize, pages: usize, files: usize, size: String, index: String, seconds: String, out: String } = "summary.built" {
        ja: "{records} 件のレコードから {pages} ページを作りました（{files} ファイル、{size}、検索索引 {index}）。{seconds} 秒 → {out}",
        en: "Built {records} records into {pages} pages ({files} files, {size}; search index {index}) in {seconds}s → {out}",
    }
    ProgressLoading = "progress.loading" { ja: "レコードを読み込んで検査しています…", en: "Loading and checking records…" }
    ProgressRendering { records: usize } = "progress.rendering" { ja: "{records} 件のレコードからページを作っています…", en: "Rendering {records} records…" }
    TimingsNote = "summary.timings-note" {
        ja: "（描画は並行して行うため、時間は重なります）",
        en: "(renderers run side by side: their times overlap)",
    }
    ServeErrorsKept = "summary.serve-errors" {
        ja: "最後に正しくビルドできたサイトを表示し続けています。ブラウザには、直すまでこのエラーを表示します。",
        en: "The last good site is still being served; the browser shows these errors until they are fixed.",
    }
    ServeBuilt { records: usize, files: usize, ms: String } = "summary.serve-built" {
        ja: "{records} 件のレコードをビルドしました（{files} ファイル、{ms} ミリ秒）",
        en: "Built {records} records ({files} files) in {ms} ms",
    }
    ServeRebuilt { records: usize, files: usize, ms: String, changed: String } = "summary.serve-rebuilt" {
        ja: "{changed} の変更を受けて {records} 件のレコードをビルドし直しました（{files} ファイル、{ms} ミリ秒）",
        en: "Built {records} records ({files} files) in {ms} ms after changes to {changed}",
    }
    ServeUpdated { pages: usize, ms: String, changed: String } = "summary.serve-updated" {
        ja: "{changed} の変更を受けて {pages} ページを更新しました（{ms} ミリ秒）",
        en: "Updated {pages} pages in {ms} ms after changes to {changed}",
    }
    ServeSiteWide { files: usize, ms: String } = "summary.serve-site-wide" {
        ja: "検索の索引・一覧・データを更新しました（{files} ファイル、{ms} ミリ秒）",
        en: "Updated the search index, views and data ({files} files) in {ms} ms",
    }
    Serving { title: String, url: String } = "serve.serving" { ja: "{title} を {url} で表示しています", en: "Serving {title} at {url}" }
    ServeThisSite = "serve.this-site" { ja: "サイト", en: "the site" }
    Watching = "serve.watching" {
        ja: "content/、seeds/、themes/、templates/、static/ と atlas.yaml の変更を見ています。止めるには Ctrl+C を押します。",
        en: "Watching content/, seeds/, themes/, templates/, static/ and atlas.yaml; press Ctrl+C to stop.",
    }
    CannotWatch { error: String } = "serve.cannot-watch" {
        ja: "変更を見張れません（{error}）。サイトは表示していますが、編集しても作り直しません。編集したら `atlas serve` を起動し直します。",
        en: "cannot watch for changes ({error}); the site is served but not rebuilt. Restart `atlas serve` after editing.",
    }
    NotASiteRoot { root: String } = "usage.not-a-site-root" {
        ja: "{root} はサイトのフォルダではありません（atlas.yaml がありません）。サイトのフォルダで実行するか、--root で指定します",
        en: "{root} is not a site root (no atlas.yaml); run atlas in the site folder or pass --root",
    }
    PortInUse { port: u16 } = "usage.port-in-use" {
        ja: "ポート {port} は使用中です（別の `atlas serve` が動いていませんか）。それを止めるか、--port N で別の番号を指定します（--port 0 は空いている番号を選びます）",
        en: "port {port} is already in use (is another `atlas serve` running?); stop it, or choose another port with --port N (--port 0 picks any free port)",
    }
    CannotListen { error: String } = "usage.cannot-listen" { ja: "127.0.0.1 で待ち受けできません: {error}", en: "cannot listen on 127.0.0.1: {error}" }
    OutputReplacesRoot { out: String } = "usage.output-replaces-root" {
        ja: "出力フォルダ {out} がサイトのフォルダを置き換えてしまいます",
        en: "the output folder {out} would replace the site root",
    }
    OutputInsideInput { out: String, input: String } = "usage.output-inside-input" {
        ja: "出力フォルダ {out} が {input}/ の中にあります。入力の外のフォルダ（例: public/）を選びます",
        en: "the output folder {out} is inside {input}/; choose a folder outside the inputs, e.g. public/",
    }

    // ---- atlas new ----
    NewWrote { file: String, placeholder: String } = "new.wrote" {
        ja: "{file} を作りました。各項目（説明はファイルと docs/fields.md にあります）を書き、「{placeholder}」と仮の値を書き換えてから、`atlas check` で確かめ、`atlas serve` で表示を確認します。それまでは検査とビルドがエラーになります。",
        en: "Wrote {file}. Fill in the fields (each is explained in the file and in docs/fields.md), replacing {placeholder} and the provisional values, then run `atlas check` and preview with `atlas serve`; until then check and build refuse it.",
    }
    NotAKind { kind: String } = "new.not-a-kind" {
        ja: "`{kind}` はレコードの種類ではありません。program、organization、place、case のいずれかにします",
        en: "`{kind}` is not a kind; use program, organization, place or case",
    }
    NewIdNotSlug { id: String } = "new.id-not-a-slug" {
        ja: "`{id}` は id にできません。半角の英小文字・数字と、間に 1 つずつのハイフンで、80 文字までにします（例: city-saitama）。id はページの URL になります",
        en: "`{id}` is not a safe id: use lowercase ASCII letters, digits and single hyphens, at most 80 characters (e.g. city-saitama); the id becomes the page URL",
    }
    ConfigBroken = "new.config-broken" {
        ja: "atlas.yaml を読めません。`atlas check` で理由を確かめます",
        en: "atlas.yaml cannot be read; run `atlas check` to see why",
    }
    NewFileExists { path: String } = "new.file-exists" { ja: "{path} は既にあります。別の id にします", en: "{path} already exists; choose another id" }
    NoSourceRegistered = "new.no-source" {
        ja: "seeds/ に出典の資料がありません。先にレコードのもとになる資料を登録します（seeds/<id>.yaml）",
        en: "seeds/ holds no source document; register the document the record comes from first (seeds/<id>.yaml)",
    }
    CannotWrite { file: String, error: String } = "new.cannot-write" { ja: "{file} を書けません: {error}", en: "cannot write {file}: {error}" }

    // ---- Spreadsheets: atlas export --xlsx and atlas import ----
    // Whole files (the imported file is named where the error is shown).
    ImportNoSuchFile { file: String } = "import.no-such-file" {
        ja: "{file} がないか、ファイルではありません",
        en: "{file} does not exist or is not a file",
    }
    ImportNoSuchFileHelp = "import.no-such-file.help" {
        ja: "ファイル名と場所を確かめます。ワークブックは `atlas export --xlsx atlas.xlsx` で書き出せます",
        en: "check the file's name and folder; `atlas export --xlsx atlas.xlsx` writes a workbook",
    }
    ImportUnreadable { error: String } = "import.unreadable" { ja: "ファイルを読めません: {error}", en: "cannot read the file: {error}" }
    ImportUnreadableHelp = "import.unreadable.help" {
        ja: "ファイルを読む権限があるか、別のプログラムが開いたままでないかを確かめます",
        en: "check that you may read the file and that no other program holds it",
    }
    ImportTooLarge { size: u64, max: u64 } = "import.too-large" {
        ja: "ファイルが {size} バイトあります。アトラスのワークブックはずっと小さく、読むのは {max} バイトまでです",
        en: "the file is {size} bytes; an atlas workbook is far smaller (at most {max} bytes are read)",
    }
    ImportExportedOnlyHelp = "import.exported-only.help" {
        ja: "`atlas export --xlsx` が書き出したワークブック（サイトの /data/atlas.xlsx と同じもの）か、/data/ にある種類ごとの CSV を取り込みます",
        en: "import the workbook that `atlas export --xlsx` wrote (the same as the site's /data/atlas.xlsx), or the CSV of one kind from /data/",
    }
    ImportNotASheetFile { file: String } = "import.not-a-sheet-file" {
        ja: "`{file}` は Excel のワークブック（.xlsx）でも CSV（.csv）でもありません",
        en: "`{file}` is neither an .xlsx workbook nor a .csv file",
    }
    ImportNotASheetFileHelp = "import.not-a-sheet-file.help" {
        ja: "「Excel ブック (*.xlsx)」か「CSV UTF-8 (コンマ区切り) (*.csv)」の形式で保存し直します",
        en: "save the sheet as Excel Workbook (.xlsx) or CSV UTF-8 (.csv)",
    }
    ImportDamaged { error: String } = "import.damaged" {
        ja: "ワークブックが壊れているか、.xlsx の形式ではありません（{error}）",
        en: "the workbook is damaged or not an .xlsx file ({error})",
    }
    ImportDamagedHelp = "import.damaged.help" {
        ja: "Excel か LibreOffice で開いて .xlsx として保存し直し、もう一度取り込みます",
        en: "open it in Excel or LibreOffice, save it again as .xlsx and retry",
    }
    ImportTooManyParts { parts: usize } = "import.too-many-parts" {
        ja: "ワークブックに {parts} 個の部品があります。アトラスのワークブックの部品は数十個です",
        en: "the workbook holds {parts} parts; a workbook of an atlas holds a few dozen",
    }
    ImportZipBomb { part: String, max: u64 } = "import.zip-bomb" {
        ja: "ワークブックの部品 `{part}` を展開すると {max} バイトを超えます（zip 爆弾か、どのアトラスよりもはるかに大きいシートです）",
        en: "the workbook part `{part}` unpacks to more than {max} bytes (a zip bomb, or a sheet far larger than any atlas)",
    }
    ImportNoKindSheet = "import.no-kind-sheet" {
        ja: "ワークブックにレコードのシート（programs、organizations、places、cases）がありません",
        en: "the workbook has no sheet of records (programs, organizations, places or cases)",
    }
    // Sheets.
    ImportUnknownSheet { sheet: String } = "import.unknown-sheet" {
        ja: "`{sheet}` はレコードの種類のシートではありません",
        en: "`{sheet}` is not the sheet of a kind of record",
    }
    ImportUnknownSheetHelp { suggestion: String } = "import.unknown-sheet.help" {
        ja: "`{suggestion}` のことではありませんか？ シート名（CSV ではファイル名）は programs、organizations、places、cases のいずれかにします（例: {suggestion}.csv）",
        en: "did you mean `{suggestion}`? Sheets (and CSV files) are named programs, organizations, places or cases (e.g. {suggestion}.csv)",
    }
    ImportSheetNamesHelp = "import.sheet-names.help" {
        ja: "シート名（CSV ではファイル名）は programs、organizations、places、cases のいずれかにします（例: programs.csv）",
        en: "sheets (and CSV files) are named programs, organizations, places or cases (e.g. programs.csv)",
    }
    ImportSheetUnreadable { error: String } = "import.sheet-unreadable" { ja: "シートを読めません: {error}", en: "cannot read the sheet: {error}" }
    ImportSheetTooLarge { cell: String, rows: u32, columns: u32 } = "import.sheet-too-large" {
        ja: "シートが {cell} まで続いています。アトラスのシートは {rows} 行・{columns} 列までです",
        en: "the sheet goes on to {cell}; an atlas sheet has at most {rows} rows and {columns} columns",
    }
    ImportSheetTooLargeHelp = "import.sheet-too-large.help" {
        ja: "そのセルに書かれたものを消すか、小さいシートを取り込みます",
        en: "delete what is written there, or import a smaller sheet",
    }
    ImportCsvNotUtf8 = "import.csv-not-utf8" {
        ja: "CSV が UTF-8 ではありません（Shift_JIS で保存されていませんか）",
        en: "the CSV is not UTF-8 (was it saved as Shift_JIS?)",
    }
    ImportCsvNotUtf8Help = "import.csv-not-utf8.help" {
        ja: "「名前を付けて保存」で「CSV UTF-8 (コンマ区切り) (*.csv)」を選んで保存し直します（「CSV (コンマ区切り)」は Shift_JIS です）",
        en: "save it again as \"CSV UTF-8 (Comma delimited) (*.csv)\" with Save As (Excel's plain \"CSV (Comma delimited)\" is Shift_JIS in Japan)",
    }
    ImportCsvUnreadable { error: String } = "import.csv-unreadable" { ja: "CSV を読めません: {error}", en: "cannot read the CSV: {error}" }
    ImportCsvUnreadableHelp = "import.csv-unreadable.help" {
        ja: "表計算ソフトで開き、「CSV UTF-8 (コンマ区切り) (*.csv)」で保存し直します",
        en: "open it in a spreadsheet and save it again as CSV UTF-8",
    }
    ImportCsvTooLarge { rows: u32, columns: u32 } = "import.csv-too-large" {
        ja: "ファイルが {rows} 行か {columns} 列を超えています。そこまで大きいアトラスはありません",
        en: "the file has more than {rows} rows or {columns} columns; no atlas is that large",
    }
    // Cells.
    ImportFormula { formula: String } = "import.formula" {
        ja: "値を書くセルに数式（={formula}）があります",
        en: "a formula (={formula}) where a value belongs",
    }
    ImportFormulaHelp = "import.formula.help" {
        ja: "数式ではなく値そのものを書きます。= で始まる文字を書くときは、先頭に ' を付けます",
        en: "type the value itself; to keep text that starts with =, type ' before it",
    }
    ImportCsvFormula { cell: String } = "import.csv-formula" {
        ja: "`{cell}` は数式のように始まっています",
        en: "`{cell}` starts like a formula",
    }
    ImportCsvFormulaHelp = "import.csv-formula.help" {
        ja: "文字として残すときは先頭に ' を付けます（公開している CSV もそうしています）",
        en: "start the cell with ' to keep it as text (the published CSVs do so)",
    }
    ImportCellError { error: String } = "import.cell-error" {
        ja: "セルにエラー（{error}）が表示されています",
        en: "the cell shows an error ({error})",
    }
    ImportCellBadDate = "import.cell-bad-date" {
        ja: "セルの日付を Excel が表示できません",
        en: "the cell holds a date Excel cannot show",
    }
    ImportCellOther = "import.cell-other" {
        ja: "セルに文字・数値・日付以外のものが入っています",
        en: "the cell holds something other than text, a number or a date",
    }
    ImportTypeValueHelp = "import.type-value.help" {
        ja: "値そのものを文字で書きます（日付は 2024-04-01 のように）",
        en: "type the value itself, as text (dates as 2024-04-01)",
    }
    ImportNotTrueFalse { value: String } = "import.not-true-false" {
        ja: "`{value}` は true でも false でもありません",
        en: "`{value}` is neither true nor false",
    }
    ImportNotTrueFalseHelp = "import.not-true-false.help" {
        ja: "true か false を書きます（空のセルはその項目を書かないことになります）",
        en: "write true or false (or leave the cell empty)",
    }
    ImportItemParts { line: usize, found: usize, max: usize, parts: String } = "import.item-parts" {
        ja: "{line} 行目が {found} 個に分かれています。1 件は {max} 個までです（{parts}）",
        en: "line {line} has {found} parts; an item has at most {max} ({parts})",
    }
    ImportItemPartsHelp = "import.item-parts.help" {
        ja: "1 行に 1 件を書き、その中の部分を ` | ` でつなぎます。部分の中の | は `\\|` と書きます",
        en: "write one item a line with its parts joined by ` | `; write `\\|` for a | inside a part",
    }
    // Header rows and rows.
    ImportUnknownColumn { column: String, sheet: String } = "import.unknown-column" {
        ja: "`{column}` は {sheet} シートの項目ではありません",
        en: "`{column}` is not a field of the {sheet} sheet",
    }
    ImportUnknownColumnDidYouMean { suggestion: String } = "import.unknown-column.did-you-mean" {
        ja: "`{suggestion}` のことではありませんか？ 見出しの行には公開している CSV と同じ項目名（半角英字）を書きます",
        en: "did you mean `{suggestion}`? Header cells hold the field names of the published CSVs",
    }
    ImportColumnsAre { columns: String } = "import.unknown-column.help" {
        ja: "見出しの行には次の項目名を書きます: {columns}",
        en: "the columns are: {columns}",
    }
    ImportColumnTwice { column: String } = "import.column-twice" {
        ja: "列 `{column}` が 2 つあります",
        en: "the column `{column}` appears twice",
    }
    ImportColumnTwiceHelp = "import.column-twice.help" { ja: "どちらかの列を消します", en: "delete one of the two columns" }
    ImportNoIdColumn = "import.no-id-column" { ja: "シートに `id` の列がありません", en: "the sheet has no `id` column" }
    ImportNoIdColumnHelp = "import.no-id-column.help" {
        ja: "見出しの行は `atlas export --xlsx` が書き出したままにします。各行はその id でレコードと結びつきます",
        en: "keep the header row as `atlas export --xlsx` wrote it: each row is found by its id",
    }
    ImportNoId = "import.no-id" { ja: "この行には id がありません", en: "the row has no id" }
    ImportNoIdHelp = "import.no-id.help" {
        ja: "レコードには id（例: city-saitama）が必要です。レコードでない行は消します",
        en: "every record needs an id, e.g. city-saitama; delete rows that are not records",
    }
    ImportDuplicateId { id: String, first: String } = "import.duplicate-id" {
        ja: "id `{id}` は {first} にもあります",
        en: "the id `{id}` is also on {first}",
    }
    ImportDuplicateIdHelp = "import.duplicate-id.help" {
        ja: "1 件のレコードは 1 行です。どちらかの行を消します",
        en: "one row per record: delete one of the two rows",
    }
    ImportIdOfOtherKind { id: String, file: String, sheet: String } = "import.id-of-other-kind" {
        ja: "id `{id}` は {file} が使っています（{sheet} シートのレコードです）",
        en: "the id `{id}` is used by {file}, a record of the {sheet} sheet",
    }
    ImportIdOfOtherKindHelp = "import.id-of-other-kind.help" {
        ja: "id はすべてのレコードを通して 1 つずつです。別の id にするか、行をその種類のシートに移します",
        en: "ids are unique across all records: choose another id, or move the row to its kind's sheet",
    }
    ImportFileNotARecord { file: String } = "import.file-not-a-record" {
        ja: "{file} がありますが、サイトのレコードではありません",
        en: "{file} exists but is not a record of the site",
    }
    ImportFileNotARecordHelp = "import.file-not-a-record.help" {
        ja: "そのファイルを別の場所に移すか、別の id にします",
        en: "move the file away or choose another id",
    }
    // Writing, the date of an import, and what an import did.
    ImportWriteFailed { path: String, error: String } = "import.write-failed" {
        ja: "{path} を書けません: {error}。どのファイルも元のままです",
        en: "cannot write {path}: {error}; every file was left as it was",
    }
    ImportWriteFailedHelp = "import.write-failed.help" {
        ja: "フォルダに書き込めるか、ディスクに空きがあるかを確かめて、もう一度取り込みます",
        en: "check that the folders are writable and the disk has room, then import again",
    }
    ImportDateInFuture { date: String, today: String } = "import.date-in-future" {
        ja: "--date {date} は今日（{today}）より後の日付です",
        en: "--date {date} is after today ({today})",
    }
    ImportDateInFutureHelp = "import.date-in-future.help" {
        ja: "取り込みの日（今日かそれより前）を YYYY-MM-DD で指定するか、--date を省いて今日の日付にします",
        en: "give the date of the import (today or earlier) as YYYY-MM-DD, or leave --date out for today",
    }
    ImportAdded { file: String } = "import.report.added" { ja: "追加      {file}", en: "added     {file}" }
    ImportChanged { file: String, fields: String } = "import.report.changed" {
        ja: "変更      {file}（{fields}）",
        en: "changed   {file} ({fields})",
    }
    ImportDeleted { file: String } = "import.report.deleted" { ja: "削除      {file}", en: "deleted   {file}" }
    ImportSkipped { sheet: String } = "import.report.skipped" {
        ja: "読まない  シート `{sheet}`（レコードの種類のシートではありません）",
        en: "skipped   sheet `{sheet}` (not a kind of record)",
    }
    ImportUpdatedSet { count: usize, date: String } = "import.report.updated-set" {
        ja: "`updated` は取り込みの日 {date}（`updated` のセルを書き換えずに変更・追加したレコード {count} 件）",
        en: "`updated` is {date}, the date of the import, in {count} changed or added record(s) whose `updated` cell was not edited",
    }
    Imported { file: String, added: usize, changed: usize, unchanged: usize, deleted: usize } = "summary.imported" {
        ja: "{file} を取り込みました: 追加 {added} 件、変更 {changed} 件、変更なし {unchanged} 件、削除 {deleted} 件。",
        en: "Imported {file}: {added} added, {changed} changed, {unchanged} unchanged, {deleted} deleted.",
    }
    ImportDryRun { file: String, added: usize, changed: usize, unchanged: usize, deleted: usize } = "summary.import-dry-run" {
        ja: "{file} を取り込むと: 追加 {added} 件、変更 {changed} 件、変更なし {unchanged} 件、削除 {deleted} 件。--dry-run なので何も書き込んでいません。",
        en: "Would import {file}: {added} added, {changed} changed, {unchanged} unchanged, {deleted} deleted. Nothing was written (--dry-run).",
    }
    ImportFailed { count: usize, file: String } = "summary.import-failed" {
        ja: "{file} に {count} 件のエラーが見つかったため、何も書き込んでいません。",
        en: "{count} error(s) in {file}; nothing was written.",
    }
    ExportNotXlsx { file: String } = "export.not-xlsx" {
        ja: "{file} の名前が .xlsx で終わっていません",
        en: "{file} does not end in .xlsx",
    }
    ExportNotXlsxHelp = "export.not-xlsx.help" {
        ja: "ワークブックの名前を atlas.xlsx のように .xlsx で終わらせます",
        en: "name the workbook e.g. atlas.xlsx",
    }
    ExportFailed { error: String } = "export.failed" {
        ja: "ワークブックを作れません: {error}",
        en: "cannot make the workbook: {error}",
    }
    ExportCannotWrite { file: String, error: String } = "export.cannot-write" {
        ja: "{file} を書けません: {error}。前からあったファイルは元のままです",
        en: "cannot write {file}: {error}; an existing file was left as it was",
    }
    ExportCannotWriteHelp = "export.cannot-write.help" {
        ja: "書き込めるフォルダを指定するか、そのファイルを開いている Excel などを閉じます",
        en: "choose a folder you may write to, or close the program that holds the file open",
    }
    Exported { records: usize, file: String } = "summary.exported" {
        ja: "{records} 件のレコードを {file} に書き出しました（種類ごとに 1 シート）。Excel か LibreOffice で編集してから `atlas import {file}` を実行します。",
        en: "Wrote {records} records to {file} (a sheet per kind). Edit it in Excel or LibreOffice, then run `atlas import {file}`.",
    }

    // ---- The serve overlay and the page shown before a first good build ----
    OverlayTitle { count: usize } = "overlay.title" { ja: "ビルドエラー（{count}件）", en: "Build errors ({count})" }
    OverlayNote = "overlay.note" {
        ja: "直して保存すると自動で更新されます。それまでは最後に正しくビルドできたサイトを表示しています。",
        en: "Fix and save to update automatically. Until then the last good build of the site is shown.",
    }
    OverlayClose = "overlay.close" { ja: "閉じる", en: "Close" }
    NoSiteTitle = "overlay.no-site-title" { ja: "ビルドエラー", en: "Build errors" }
    NoSiteHeading = "overlay.no-site-heading" { ja: "サイトをビルドできませんでした", en: "The site could not be built" }
    NoSiteNote = "overlay.no-site-note" {
        ja: "次のエラーを直して保存すると、このページは自動で更新されます。",
        en: "Fix the errors below and save: this page updates itself.",
    }
    BadRequest = "serve.bad-request" { ja: "リクエストを読み取れませんでした", en: "The request could not be read" }
    RequestTooLong = "serve.request-too-long" { ja: "リクエストが長すぎます", en: "The request is too long" }
    MethodNotAllowed = "serve.method-not-allowed" { ja: "この方法のリクエストには応じません", en: "Method not allowed" }
    NotFound = "serve.not-found" { ja: "ページが見つかりません", en: "Not found" }
}
