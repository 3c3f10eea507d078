//! Full-text search without a server: this renderer writes a split index
//! under /search/<version>/ and the search page; themes/default/static/search.js
//! queries the index in the browser (see docs/search-normalization.md).
//!
//! Files, all under a folder named after a hash of their content so that
//! they can be cached forever:
//! - `index.bin`: v header length, JSON header (document and shard counts,
//!   the gram lists' names, facet terms, synonym groups, categories), then
//!   one posting list per facet term, then one byte per document: its name's
//!   length in characters (up to 255), which breaks ties in ranking.
//! - `s/<n>.bin`: shard n of the gram postings (format in `index`).
//! - `d/<n>.json`: what result n shows (name, URL, kind, facets, text, and
//!   the other fields the index reads, labelled).
//! - `v.json`: names, short names and readings of the records, for
//!   did-you-mean when a query finds nothing.

pub mod categories;
pub mod document;
pub mod index;

use crate::output::Sink;
use crate::render::{
    Context, RenderError, Renderer,
    views::{Card, Cards},
};
use crate::site::Site;
use crate::urls::{self, SitePage};
use document::DIMENSIONS;
use index::{BODY, FACET, NAME, NOTE, Postings, SUMMARY};
use rayon::prelude::*;
use serde::Serialize;

/// Shards hold about this many bytes: a query fetches one shard per
/// distinct gram, so small shards keep the first query small.
const SHARD_BYTES: usize = 4096;
const MAX_SHARDS: usize = 8192;

pub struct SearchRenderer;

impl Renderer for SearchRenderer {
    fn name(&self) -> &'static str {
        "search"
    }

    fn pages(&self, _: &Site) -> Vec<SitePage> {
        vec![SitePage::html(urls::search())]
    }

    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        let built = build_index(ctx.site, &ctx.cards);
        let folder = format!("{}{}/", urls::search(), built.version);
        built.files.par_iter().try_for_each(|(path, bytes)| sink.write(&urls::file_for(&format!("{folder}{path}")), bytes))?;
        built.results.par_iter().enumerate().try_for_each(|(n, &record)| {
            let file = urls::file_for(&format!("{folder}{}", result_path(n)));
            match &built.result_files {
                Some(kept) => sink.write(&file, &kept[n]),
                None => sink.write(&file, &result_json(ctx.site, &ctx.cards[record], &built.shared.places)),
            }
        })?;
        write_page(ctx, sink, &format!("{folder}index.bin"), &built)
    }

    fn owned_folder(&self) -> Option<String> {
        Some(urls::search_folder())
    }
}

/// What the index keeps of a document once its grams are in the postings.
struct IndexedDoc {
    record: usize,
    /// (dimension index, term id) of its facet terms.
    terms: Vec<(usize, String)>,
    /// Characters of its name, at most 255.
    name_length: u8,
}

/// The index files, paths relative to the version folder.
pub struct BuiltIndex {
    pub version: String,
    pub docs: usize,
    pub shards: u32,
    /// index.bin and the shards.
    pub files: Vec<(String, Vec<u8>)>,
    /// The record of each result file (`d/<n>.json`, see `result_path`).
    pub results: Vec<usize>,
    /// The result files as made for the version, when there are at most
    /// `KEEP_RESULTS`; else they are made again when written.
    pub result_files: Option<Vec<Vec<u8>>>,
    /// What the result files are made from when they are made again.
    pub shared: document::Shared,
}

/// Up to this many documents the result files (about a kilobyte each) are
/// kept from computing the version to writing them; above, they are made
/// twice rather than held (hundreds of megabytes at 100,000 records).
const KEEP_RESULTS: usize = 25_000;

/// What result `n` shows, relative to the version folder.
fn result_path(n: usize) -> String {
    format!("d/{n}.json")
}

/// Documents are read this many at a time: their texts and grams are
/// dropped once added to the postings, so memory stays bounded by the
/// postings themselves.
const DOCUMENTS_PER_CHUNK: usize = 2048;

pub fn build_index(site: &Site, cards: &Cards) -> BuiltIndex {
    let order = document_order(site);
    let shared = document::Shared::new(site);
    let mut postings = Postings::default();
    let mut docs: Vec<IndexedDoc> = Vec::with_capacity(order.len());
    for chunk in order.chunks(DOCUMENTS_PER_CHUNK) {
        let read: Vec<(IndexedDoc, index::DocumentGrams)> = chunk
            .par_iter()
            .map(|&i| {
                let d = document::search_doc(site, i, &shared);
                let grams = index::document_grams(&[
                    (NAME, d.name.as_slice()),
                    (FACET, d.facets.as_slice()),
                    (SUMMARY, d.summary.as_slice()),
                    (BODY, d.body.as_slice()),
                    (NOTE, d.note.as_slice()),
                ]);
                let name_length = site.records[i].common.name.chars().count().min(255) as u8;
                (IndexedDoc { record: d.record, terms: d.terms, name_length }, grams)
            })
            .collect();
        for (doc, grams) in read {
            postings.add(docs.len() as u32, &grams);
            docs.push(doc);
        }
    }
    let entries = postings.entries();
    drop(postings);
    let total: usize = entries.iter().map(|(_, e)| e.len()).sum();
    let shards = total.div_ceil(SHARD_BYTES).clamp(1, MAX_SHARDS) as u32;
    let mut buckets: Vec<Vec<&[u8]>> = vec![Vec::new(); shards as usize];
    for (g, e) in &entries {
        buckets[index::shard_of(&index::gram_text(*g), shards) as usize].push(e);
    }
    let vocabulary = serde_json::to_vec(&categories::vocabulary(site, &shared.places)).unwrap_or_default();
    let mut files: Vec<(String, Vec<u8>)> = vec![("index.bin".into(), header(site, &docs, shards)), ("v.json".into(), vocabulary)];
    files.par_extend(buckets.par_iter().enumerate().map(|(n, b)| (format!("s/{n}.bin"), index::encode_shard(b))));
    let results: Vec<usize> = docs.iter().map(|d| d.record).collect();
    // The result files count towards the version, by digest.
    let keep = results.len() <= KEEP_RESULTS;
    let made: Vec<([u8; 32], Option<Vec<u8>>)> = results
        .par_iter()
        .enumerate()
        .map(|(n, &record)| {
            let bytes = result_json(site, &cards[record], &shared.places);
            (digest(&result_path(n), &bytes), keep.then_some(bytes))
        })
        .collect();
    let (result_digests, kept): (Vec<[u8; 32]>, Vec<Option<Vec<u8>>>) = made.into_iter().unzip();
    let result_files = keep.then(|| kept.into_iter().flatten().collect());
    BuiltIndex { version: version(&files, &result_digests), docs: docs.len(), shards, files, results, result_files, shared }
}

/// Records by kind, then prefecture, so that kind and place facets are
/// contiguous runs of document numbers (one run encodes a whole list).
fn document_order(site: &Site) -> Vec<usize> {
    let prefectures = site.taxonomies.get("prefectures");
    let rank = |i: usize| {
        let d = document::facet_terms(site, &site.records[i]);
        let pref = d
            .iter()
            .find(|(dim, _)| DIMENSIONS[*dim].key == "pref")
            .and_then(|(_, id)| prefectures?.terms.iter().position(|t| &t.id == id));
        (site.records[i].kind, pref.unwrap_or(usize::MAX), i)
    };
    let mut keys: Vec<_> = (0..site.records.len()).into_par_iter().map(rank).collect();
    keys.sort_unstable();
    keys.into_iter().map(|(_, _, i)| i).collect()
}

/// The index format, in the header: 3 since summary and note have lists of
/// their own, categories are in the header and name lengths follow it.
const INDEX_FORMAT: u32 = 3;

#[derive(Serialize)]
struct Header<'a> {
    format: u32,
    docs: usize,
    shards: u32,
    lists: [&'static str; index::LISTS.len()],
    facets: Vec<FacetHeader>,
    synonyms: &'a [Vec<String>],
    categories: Vec<categories::Category>,
}

#[derive(Serialize)]
struct FacetHeader {
    key: &'static str,
    terms: Vec<String>,
}

/// index.bin: the JSON header, then every facet term's document list.
fn header(site: &Site, docs: &[IndexedDoc], shards: u32) -> Vec<u8> {
    let mut facets = Vec::new();
    let mut lists = Vec::new();
    for (d, dim) in DIMENSIONS.iter().enumerate() {
        let (_, terms) = document::dimension_terms(site, dim);
        for (id, _) in &terms {
            let ids: Vec<u32> = docs
                .iter()
                .enumerate()
                .filter(|(_, doc)| doc.terms.iter().any(|(td, t)| *td == d && t == id))
                .map(|(n, _)| n as u32)
                .collect();
            lists.extend(index::encode_list(&ids));
        }
        facets.push(FacetHeader { key: dim.key, terms: terms.into_iter().map(|(id, _)| id).collect() });
    }
    let header = Header {
        format: INDEX_FORMAT,
        docs: docs.len(),
        shards,
        lists: index::LISTS,
        facets,
        synonyms: site.synonyms.groups(),
        categories: categories::categories(site),
    };
    let json = serde_json::to_vec(&header).unwrap_or_default();
    let mut out = Vec::with_capacity(json.len() + lists.len() + docs.len() + 4);
    index::varint(&mut out, json.len() as u64);
    out.extend(json);
    out.extend(lists);
    out.extend(docs.iter().map(|d| d.name_length));
    out
}

#[derive(Serialize)]
struct ResultView<'a> {
    /// Name, URL, kind label, key facets, snippet source (summary and
    /// body), and the other fields the index reads as (label, text).
    n: &'a str,
    u: &'a str,
    k: &'a str,
    f: &'a [String],
    t: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    x: Vec<(&'static str, String)>,
}

fn result_json(site: &Site, card: &Card, places: &document::PlaceReadings) -> Vec<u8> {
    let record = site.get(&card.id);
    let text = record.map(document::snippet_source).unwrap_or_default();
    let details = record.map(|r| document::result_details(site, r, places)).unwrap_or_default();
    let view = ResultView { n: &card.name, u: &card.url, k: &card.badge, f: &card.facets, t: text, x: details };
    serde_json::to_vec(&view).unwrap_or_default()
}

/// SHA-256 of a file's path, length and bytes.
fn digest(path: &str, bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(path.as_bytes());
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
    h.finalize().into()
}

/// Ten hex digits of a hash over every file (the result files by their
/// digests): a new folder whenever anything changes.
fn version(files: &[(String, Vec<u8>)], result_digests: &[[u8; 32]]) -> String {
    use sha2::Digest;
    let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut h = sha2::Sha256::new();
    for (path, bytes) in sorted {
        h.update(digest(path, bytes));
    }
    for d in result_digests {
        h.update(d);
    }
    h.finalize().iter().take(5).map(|b| format!("{b:02x}")).collect()
}

#[derive(Serialize)]
struct FacetControl {
    key: &'static str,
    legend: String,
    options: Vec<FacetOption>,
}

#[derive(Serialize)]
struct FacetOption {
    value: String,
    label: String,
}

/// The search page: the form with every facet as checkboxes (counts are
/// filled in by the client), and links to the browse pages for readers
/// without JavaScript.
fn write_page(ctx: &Context, sink: &Sink, index_url: &str, built: &BuiltIndex) -> Result<(), RenderError> {
    let site = ctx.site;
    let facets: Vec<FacetControl> = DIMENSIONS
        .iter()
        .map(|dim| {
            let (legend, terms) = document::dimension_terms(site, dim);
            FacetControl { key: dim.key, legend, options: terms.into_iter().map(|(value, label)| FacetOption { value, label }).collect() }
        })
        .collect();
    let mut c = tera::Context::new();
    c.insert("index_url", index_url);
    // The client fetches the query's shards alongside index.bin with these.
    c.insert("index_docs", &built.docs);
    c.insert("index_shards", &built.shards);
    c.insert("facets", &facets);
    c.insert("browse", &crate::render::html::taxonomy_rows(site));
    let url = urls::search();
    let meta = crate::render::templates::meta(
        site,
        "検索".into(),
        "支援施策・支援機関・地域・事例を検索".into(),
        url.clone(),
        &[("検索".into(), url.clone())],
    );
    ctx.templates.write(sink, &urls::file_for(&url), "search.html", c, &meta)
}
