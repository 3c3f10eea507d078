//! The same corpus as a Hugo site, for the side-by-side benchmark: the same
//! records and pages (home, one list per kind, one page per record,
//! taxonomy and term pages, source pages, search, 404; lists and term pages
//! in pages of 100 cards), the same taxonomies,
//! the theme's stylesheet with a content hash, and minification with
//! `hugo --minify`.
//!
//! Record pages show what the atlas shows (properties with term and record
//! links, body, budgets, facts, citations) except back-links, which Hugo
//! cannot compute without a quadratic template: Hugo gets slightly less
//! work, so the comparison errs in its favour.

use crate::{Kind, Record, Vocabulary, copy, write};
use serde_yaml::{Mapping, Value};
use std::path::Path;

/// Atlas front matter field → Hugo taxonomy (the atlas URL segment).
const TAXONOMY_FIELDS: &[(&str, &str)] = &[
    ("ministries", "ministries"),
    ("support_areas", "support-areas"),
    ("support_kinds", "support-kinds"),
    ("phases", "phases"),
    ("stages", "stages"),
    ("organization_type", "organization-types"),
    ("region", "regions"),
    ("prefecture", "prefectures"),
    ("place_type", "place-types"),
    ("case_type", "case-types"),
];

pub fn write_site(dir: &Path, repo: &Path, vocab: &Vocabulary, corpus: &[Record]) -> Result<(), String> {
    write(&dir.join("hugo.toml"), &config(vocab))?;
    copy(&repo.join("themes/default/static/style.css"), &dir.join("assets/style.css"))?;
    for (name, text) in LAYOUTS {
        write(&dir.join("layouts").join(name), text)?;
    }
    let content = dir.join("content");
    for kind in Kind::ALL {
        write(&content.join(kind.folder()).join("_index.md"), &front(&[("title", kind.label().into())], ""))?;
    }
    write(&content.join("search.md"), &front(&[("title", "検索".into()), ("layout", "search".into())], ""))?;
    for (slug, file) in &vocab.taxonomies {
        write(&content.join(slug).join("_index.md"), &front(&[("title", file.title.clone().into())], ""))?;
        for term in &file.terms {
            write(&content.join(slug).join(&term.id).join("_index.md"), &front(&[("title", term.display().into())], ""))?;
        }
    }
    write(&content.join("sources/_index.md"), &front(&[("title", "出典一覧".into())], ""))?;
    for id in &vocab.seeds {
        let text = std::fs::read_to_string(repo.join("seeds").join(format!("{id}.yaml"))).map_err(|e| format!("seeds/{id}.yaml: {e}"))?;
        let seed: Value = serde_yaml::from_str(&text).map_err(|e| format!("seeds/{id}.yaml: {e}"))?;
        let title = seed.get("title").cloned().unwrap_or_else(|| id.clone().into());
        write(&content.join("sources").join(id).join("_index.md"), &front(&[("title", title)], ""))?;
    }
    for r in corpus {
        write(&content.join(r.kind.folder()).join(format!("{}.md", r.id)), &record(r))?;
    }
    Ok(())
}

fn config(vocab: &Vocabulary) -> String {
    let mut toml = String::from(
        "baseURL = \"https://ikorenkei-atlas.netlify.app/\"\nlanguageCode = \"ja\"\ntitle = \"医工連携支援アトラス\"\n\
         disableKinds = [\"RSS\"]\nenableRobotsTXT = true\n\
         # Lists in pages of 100 cards, as atlas's default page_size.\n\
         paginate = 100\n\n[taxonomies]\n",
    );
    for (slug, _) in &vocab.taxonomies {
        toml.push_str(&format!("  \"{}\" = \"{slug}\"\n", singular(slug)));
    }
    toml.push_str("  \"source\" = \"sources\"\n");
    toml
}

fn singular(slug: &str) -> String {
    match slug {
        "ministries" => "ministry".into(),
        s => s.strip_suffix('s').unwrap_or(s).into(),
    }
}

fn front(fields: &[(&str, Value)], body: &str) -> String {
    let mut m = Mapping::new();
    for (k, v) in fields {
        m.insert((*k).into(), v.clone());
    }
    format!("---\n{}---\n{body}", serde_yaml::to_string(&m).unwrap_or_default())
}

/// A record in Hugo's terms: `title`, taxonomies as lists, citations also
/// as the `sources` taxonomy (so that source pages list the records citing
/// them), `url` renamed (Hugo reads it as the page address).
fn record(r: &Record) -> String {
    let mut m = Mapping::new();
    for (key, value) in &r.front {
        let key = key.as_str().unwrap_or_default();
        if let Some((_, tax)) = TAXONOMY_FIELDS.iter().find(|(f, _)| *f == key) {
            let list = if value.is_sequence() { value.clone() } else { Value::Sequence(vec![value.clone()]) };
            m.insert((*tax).into(), list);
            continue;
        }
        match key {
            "name" => m.insert("title".into(), value.clone()),
            "url" => m.insert("official_url".into(), value.clone()),
            "updated" => m.insert("lastmod".into(), value.clone()),
            "owner" => m.insert("owner".into(), Value::Sequence(vec![value.clone()])),
            "sources" => {
                let ids: Vec<Value> = value.as_sequence().into_iter().flatten().filter_map(|c| c.get("source").cloned()).collect();
                m.insert("sources".into(), Value::Sequence(ids));
                m.insert("citations".into(), value.clone())
            }
            _ => m.insert(key.into(), value.clone()),
        };
    }
    format!("---\n{}---\n\n{}", serde_yaml::to_string(&m).unwrap_or_default(), r.body)
}

/// Templates: the atlas theme's markup, written in Hugo's template language.
const LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ .Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:locale" content="ja_JP">
{{ $css := resources.Get "style.css" | fingerprint }}<link rel="stylesheet" href="{{ $css.RelPermalink }}">
</head>
<body>
<a class="skip-link" href="#main">本文へ移動</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="site-title" href="/">{{ site.Title }}</a>
    <form class="header-search" role="search" action="/search/" method="get">
      <label for="site-search" class="visually-hidden">サイト内検索</label>
      <input id="site-search" type="search" name="q" placeholder="施策名・キーワード" autocomplete="off">
      <button type="submit">検索</button>
    </form>
  </div>
  <nav class="site-nav" aria-label="メインメニュー">
    <ul class="wrap">
    {{ range slice "programs" "organizations" "places" "cases" "stages" "sources" }}{{ with site.GetPage (printf "/%s" .) }}
      <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
    {{ end }}{{ end }}
    </ul>
  </nav>
</header>
{{ if not .IsHome }}
<nav class="breadcrumbs wrap" aria-label="パンくずリスト">
  <ol>
  <li><a href="/">ホーム</a></li>
  {{ with .Parent }}{{ if not .IsHome }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}
  <li><span aria-current="page">{{ .Title }}</span></li>
  </ol>
</nav>
{{ end }}
<main id="main" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>このサイトの内容は、<a href="/sources/">出典一覧</a>に掲げる資料をもとに編集・加工して作成したものです。各ページに出典と時点を示しています。</p>
    <ul class="footer-links">
      <li><a href="/sources/">出典一覧</a></li>
      <li><a href="/search/">検索</a></li>
      <li><a href="/sitemap.xml">サイトマップ（XML）</a></li>
    </ul>
  </div>
</footer>
</body>
</html>
"##,
    ),
    (
        "partials/cards.html",
        r##"<ul class="cards">
{{ range . }}
  <li class="card">
    <a class="card-title" href="{{ .RelPermalink }}">{{ .Title }}</a>
    <span class="badge">{{ .CurrentSection.Title }}</span>
    <p>{{ .Params.summary }}</p>
    <ul class="facets" aria-label="分類">{{ range .GetTerms "ministries" }}<li>{{ .LinkTitle }}</li>{{ end }}{{ range .GetTerms "prefectures" }}<li>{{ .LinkTitle }}</li>{{ end }}{{ range .GetTerms "support-kinds" }}<li>{{ .LinkTitle }}</li>{{ end }}{{ range .GetTerms "stages" }}<li>{{ .LinkTitle }}</li>{{ end }}</ul>
  </li>
{{ end }}
</ul>
"##,
    ),
    (
        "_default/single.html",
        r##"{{ define "main" }}
<article class="record">
  <p class="badge">{{ .CurrentSection.Title }}</p>
  <h1>{{ .Title }}</h1>
  <p class="lead">{{ .Params.summary }}</p>
  <dl class="properties">
  {{ with .Params.short_name }}<div><dt>略称</dt><dd>{{ . }}</dd></div>{{ end }}
  {{ range $ref := slice (slice "owner" "places" "実施主体") (slice "implementers" "organizations" "実施機関") (slice "places" "places" "地域") (slice "organizations" "organizations" "関わった機関") (slice "programs" "programs" "活用した支援施策") }}
    {{ with index $.Params (index $ref 0) }}<div><dt>{{ index $ref 2 }}</dt><dd>{{ range . }}{{ with site.GetPage (printf "/%s/%s" (index $ref 1) .) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}{{ end }}</dd></div>{{ end }}
  {{ end }}
  {{ range $tax := slice "ministries" "organization-types" "place-types" "regions" "prefectures" "support-areas" "support-kinds" "phases" "stages" "case-types" }}
    {{ with $.GetTerms $tax }}<div><dt>{{ (site.GetPage (printf "/%s" $tax)).Title }}</dt><dd>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd></div>{{ end }}
  {{ end }}
  {{ with .Params.period }}<div><dt>事業期間</dt><dd>{{ . }}</dd></div>{{ end }}
  {{ with .Params.targets }}<div><dt>対象</dt><dd>{{ . }}</dd></div>{{ end }}
  {{ with .Params.official_url }}<div><dt>公式サイト</dt><dd><a href="{{ . }}" rel="noopener">{{ . }}</a></dd></div>{{ end }}
  </dl>
  <div class="body">{{ .Content }}</div>
  {{ with .Params.budgets }}
  <section aria-labelledby="budget-h">
    <h2 id="budget-h">予算</h2>
    <table>
      <caption>予算額（出典の表記どおり）</caption>
      <thead><tr><th scope="col">年度</th><th scope="col">種類</th><th scope="col">金額</th></tr></thead>
      <tbody>{{ range . }}<tr><td>{{ .fiscal_year }}</td><td>{{ .label }}</td><td>{{ .amount }}</td></tr>{{ end }}</tbody>
    </table>
  </section>
  {{ end }}
  {{ with .Params.facts }}
  <section aria-labelledby="facts-h">
    <h2 id="facts-h">数値・実績</h2>
    <table>
      <caption>数値・実績（時点と出典つき）</caption>
      <thead><tr><th scope="col">項目</th><th scope="col">内容</th><th scope="col">時点</th><th scope="col">出典</th></tr></thead>
      <tbody>{{ range . }}<tr><td>{{ .label }}</td><td>{{ .value }}</td><td>{{ .as_of }}</td><td>{{ with .source }}{{ with site.GetPage (printf "/sources/%s" .) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</td></tr>{{ end }}</tbody>
    </table>
  </section>
  {{ end }}
  {{ with .Params.note }}<p class="note"><strong>注記:</strong> {{ . }}</p>{{ end }}
  <section class="sources" aria-labelledby="src-h">
    <h2 id="src-h">出典</h2>
    <ul>
    {{ range .Params.citations }}{{ $section := .section }}{{ with site.GetPage (printf "/sources/%s" .source) }}
      <li>出典：<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with $section }}「{{ . }}」{{ end }}を加工して作成</li>
    {{ end }}{{ end }}
    </ul>
    <p class="updated">最終更新日: <time datetime="{{ .Lastmod.Format "2006-01-02" }}">{{ .Lastmod.Format "2006年1月2日" }}</time></p>
  </section>
</article>
{{ end }}
"##,
    ),
    (
        "_default/list.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}一覧</h1>
<p>{{ .Title }}の一覧（{{ len .Pages }}件）</p>
{{ partial "cards.html" .Paginator.Pages }}
{{ template "_internal/pagination.html" . }}
{{ end }}
"##,
    ),
    (
        "_default/taxonomy.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="term-list">
{{ range .Data.Terms.Alphabetical }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="n">{{ .Count }}件</span></li>
{{ end }}
</ul>
{{ end }}
"##,
    ),
    (
        "_default/term.html",
        r##"{{ define "main" }}
<p class="badge"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>
<h1>{{ .Title }}</h1>
<p>{{ len .Pages }}件</p>
{{ range (.Paginate (.Pages.GroupBy "Section")).PageGroups }}
<section>
  <h2>{{ (site.GetPage (printf "/%s" .Key)).Title }}（{{ len .Pages }}件）</h2>
  {{ partial "cards.html" .Pages }}
</section>
{{ end }}
{{ template "_internal/pagination.html" . }}
{{ end }}
"##,
    ),
    (
        "index.html",
        r##"{{ define "main" }}
<h1>{{ site.Title }}</h1>
<section aria-labelledby="kinds-h">
  <h2 id="kinds-h">収録内容</h2>
  <ul class="counts">
  {{ range slice "programs" "organizations" "places" "cases" }}{{ with site.GetPage (printf "/%s" .) }}<li><a href="{{ .RelPermalink }}"><span class="count">{{ len .Pages }}</span> {{ .Title }}</a></li>{{ end }}{{ end }}
  </ul>
</section>
{{ range $i, $tax := slice "stages" "support-areas" "support-kinds" "phases" "ministries" "case-types" "regions" }}{{ with site.GetPage (printf "/%s" $tax) }}
<section>
  <h2><a href="{{ .RelPermalink }}">{{ .Title }}</a>から探す</h2>
  <ul class="terms">
  {{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="n">{{ .Count }}件</span></li>{{ end }}
  </ul>
</section>
{{ end }}{{ end }}
<section aria-labelledby="recent-h">
  <h2 id="recent-h">最近更新された情報</h2>
  {{ partial "cards.html" (first 10 site.RegularPages.ByLastmod.Reverse) }}
</section>
{{ end }}
"##,
    ),
    (
        "_default/search.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
<form role="search" action="/search/" method="get"><label for="q">キーワード</label> <input id="q" type="search" name="q"></form>
{{ end }}
"##,
    ),
    (
        "404.html",
        r##"{{ define "main" }}
<h1>ページが見つかりません</h1>
<p><a href="/">ホームへ戻る</a></p>
{{ end }}
"##,
    ),
];
