//! The HTTP side of `atlas serve` (tiny_http): pages of the last good build
//! from memory, with the reload script added to HTML; the script, its
//! stylesheet and the long-polled build status under /__atlas/.

use super::{Shared, State};
use std::io::Cursor;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tiny_http::{Header, Method, Request, Response};

const RELOAD_JS: &str = include_str!("client/reload.js");
const OVERLAY_CSS: &str = include_str!("client/overlay.css");

/// How long a status request waits for a new build before answering anyway.
const LONG_POLL: Duration = Duration::from_secs(25);

/// The policy the published site runs under (netlify.toml), so that
/// previews break where the real site would.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

type Reply = Response<Cursor<Vec<u8>>>;

pub fn run(server: tiny_http::Server, shared: Arc<Shared>) {
    for request in server.incoming_requests() {
        let shared = shared.clone();
        // Long polls wait; every request gets its own thread.
        std::thread::spawn(move || handle(request, &shared));
    }
}

fn handle(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let reply = match (request.method(), path) {
        (Method::Get | Method::Head, "/__atlas/reload.js") => text(200, RELOAD_JS, "text/javascript; charset=utf-8"),
        (Method::Get | Method::Head, "/__atlas/overlay.css") => text(200, OVERLAY_CSS, "text/css; charset=utf-8"),
        (Method::Get, "/__atlas/status") => status(shared, since(query), param(query, "page")),
        (Method::Get | Method::Head, _) => page(shared, path, query),
        _ => text(405, "method not allowed", "text/plain; charset=utf-8"),
    };
    let _ = request.respond(reply);
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn reply(status: u16, body: Vec<u8>, content_type: &str) -> Reply {
    let mut r = Response::from_data(body).with_status_code(status);
    for h in [header("Content-Type", content_type), header("Cache-Control", "no-store"), header("Content-Security-Policy", CSP)]
        .into_iter()
        .flatten()
    {
        r.add_header(h);
    }
    r
}

fn text(status: u16, body: &str, content_type: &str) -> Reply {
    reply(status, body.as_bytes().to_vec(), content_type)
}

fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

fn since(query: &str) -> Option<u64> {
    param(query, "since").and_then(|v| v.parse().ok())
}

/// The build status as JSON, once the revision differs from `since` (or
/// after the long-poll time). With `page` (a URL path), also the version
/// of what is served there, so that an open page reloads only when it
/// changed.
fn status(shared: &Shared, since: Option<u64>, page: Option<&str>) -> Reply {
    let deadline = Instant::now() + LONG_POLL;
    let mut state = shared.lock();
    while Some(state.revision) == since {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        state = shared.changed.wait_timeout(state, left).map(|(s, _)| s).unwrap_or_else(|e| e.into_inner().0);
    }
    let version = page.map(|p| version(&state.files, state.site_generation, &percent_decode(p)));
    let body = serde_json::json!({
        "revision": state.revision,
        "generation": state.generation,
        "site_generation": state.site_generation,
        "site_wide_pending": state.site_wide_pending,
        "errors": state.errors,
        "version": version,
    });
    text(200, &body.to_string(), "application/json")
}

/// What is served at a URL path.
enum Found<'a> {
    File(&'a str, &'a [u8]),
    Redirect,
    Missing(Option<&'a [u8]>),
}

fn find_file<'a>(files: &'a super::Files, path: &str) -> Found<'a> {
    let rel = path.trim_start_matches('/');
    let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    if let Some((name, bytes)) = files.get_key_value(&file) {
        return Found::File(name, bytes);
    }
    if files.contains_key(&format!("{rel}/index.html")) {
        return Found::Redirect;
    }
    Found::Missing(files.get(&crate::urls::file_for(&crate::urls::not_found())).map(|b| &b[..]))
}

/// A short hash of the bytes served at `path` ("none" before the first
/// good build): the reload script compares it with its page's own.
fn version(files: &super::Files, site_generation: u64, path: &str) -> String {
    use std::hash::{Hash, Hasher};
    if site_generation == 0 {
        return "none".into();
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match find_file(files, path) {
        Found::File(_, bytes) | Found::Missing(Some(bytes)) => bytes.hash(&mut h),
        Found::Redirect | Found::Missing(None) => path.hash(&mut h),
    }
    format!("{:016x}", h.finish())
}

fn page(shared: &Shared, path: &str, query: &str) -> Reply {
    let (files, generation, errors) = {
        let state: std::sync::MutexGuard<'_, State> = shared.lock();
        (state.files.clone(), state.site_generation, state.errors.clone())
    };
    if generation == 0 {
        return reply(503, no_site_page(&errors).into_bytes(), "text/html; charset=utf-8");
    }
    let path = percent_decode(path);
    let not_found = crate::urls::file_for(&crate::urls::not_found());
    let (status, file, bytes) = match find_file(&files, &path) {
        Found::File(file, bytes) => (200, file, bytes),
        Found::Redirect => {
            let location = if query.is_empty() { format!("{path}/") } else { format!("{path}/?{query}") };
            let mut r = text(301, "", "text/plain; charset=utf-8");
            if let Some(h) = header("Location", &location) {
                r.add_header(h);
            }
            return r;
        }
        Found::Missing(Some(bytes)) => (404, not_found.as_str(), bytes),
        Found::Missing(None) => return text(404, "not found", "text/plain; charset=utf-8"),
    };
    served(status, file, bytes, &version(&files, generation, &path))
}

/// URL paths are ASCII ids, but a browser sends what a person typed
/// percent-encoded; decoded so that such a path finds nothing rather than
/// something else.
fn percent_decode(path: &str) -> String {
    percent_encoding::percent_decode_str(path).decode_utf8_lossy().into_owned()
}

fn served(status: u16, file: &str, bytes: &[u8], version: &str) -> Reply {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    if mime.essence_str() == "text/html" {
        return reply(status, with_reload_script(bytes, version), "text/html; charset=utf-8");
    }
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/javascript" || mime.essence_str() == "application/json" => {
            format!("{}; charset=utf-8", mime.essence_str())
        }
        _ => mime.essence_str().to_string(),
    };
    reply(status, bytes.to_vec(), &content_type)
}

/// The page with the reload script before `</head>` (an external script:
/// pages run under a policy without inline script).
fn with_reload_script(html: &[u8], version: &str) -> Vec<u8> {
    let tag = format!("<script src=\"/__atlas/reload.js\" data-version=\"{version}\" defer></script>");
    let at = find(html, b"</head>").or_else(|| find(html, b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Served for every page while no build has succeeded yet.
fn no_site_page(errors: &[crate::diagnostics::Diagnostic]) -> String {
    use crate::render::escape;
    let items: String = errors
        .iter()
        .map(|d| {
            let field = d.field.as_deref().map(|f| format!(" [{f}]")).unwrap_or_default();
            format!("<li><code>{}:{}:{}{}</code> {}</li>", escape(&d.file), d.line, d.column, escape(&field), escape(&d.message))
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>ビルドエラー</title><script src=\"/__atlas/reload.js\" data-version=\"none\" defer></script></head>\
         <body><main><h1>サイトをビルドできませんでした</h1><p>次のエラーを直して保存すると、このページは自動で更新されます。</p><ul>{items}</ul></main></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_into_the_head() {
        let html = with_reload_script(b"<html><head><title>x</title></head><body></body></html>", "00ab");
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("<script src=\"/__atlas/reload.js\" data-version=\"00ab\" defer></script></head>"), "{html}");
        assert_eq!(since("since=12&x=1"), Some(12));
        assert_eq!(since(""), None);
        assert_eq!(param("since=1&page=/a/", "page"), Some("/a/"));
        assert_eq!(percent_decode("/a%2Fb/%E3%81%82"), "/a/b/あ");
    }
}
