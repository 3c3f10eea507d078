//! The HTTP side of `atlas serve`: pages of the last good build from
//! memory, with the reload script added to HTML; the script, its stylesheet
//! and the long-polled build status under /__atlas/.
//!
//! Requests are read with httparse over plain sockets, one thread per
//! connection. (tiny_http, used before, drops the connection without a
//! reply when a request line holds anything but ASCII, as a query typed
//! into the address bar of some clients does.) Every request line gets an
//! answer: a page, or 400 (not HTTP, not UTF-8), 414 or 431 (longer than
//! `MAX_HEAD`) before the connection is closed.

use super::{Shared, State};
use crate::messages::Message;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

const RELOAD_JS: &str = include_str!("client/reload.js");
const OVERLAY_CSS: &str = include_str!("client/overlay.css");

/// How long a status request waits for a new build before answering anyway.
const LONG_POLL: Duration = Duration::from_secs(25);

/// The largest request head (request line and headers) read.
pub const MAX_HEAD: usize = 16 * 1024;

/// An idle connection is closed after this long.
const IDLE: Duration = Duration::from_secs(60);

/// A response: status, headers besides the common ones, body.
struct Reply {
    status: u16,
    content_type: String,
    location: Option<String>,
    /// The browser editor's own policy and `noindex` (netlify.toml's
    /// `/admin/*` rule) instead of the site's policy.
    editor_policy: Option<String>,
    body: Vec<u8>,
}

pub fn run(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = shared.clone();
        // Long polls wait; every connection gets its own thread.
        std::thread::spawn(move || connection(stream, &shared));
    }
}

/// Answers the requests of one connection until the client closes it, a
/// request cannot be read, or it asks to close.
fn connection(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let mut buffer: Vec<u8> = Vec::new();
    loop {
        let head_end = match read_head(&mut stream, &mut buffer) {
            Head::Complete(end) => end,
            Head::Closed => return,
            Head::TooLong => {
                // 414 when the request line alone is too long, else 431.
                let code = if find(&buffer, b"\n").is_none() { 414 } else { 431 };
                let body = Message::RequestTooLong.text(shared.lang);
                let _ = write_reply(&mut stream, &text(code, &body, "text/plain; charset=utf-8"), false, false);
                return;
            }
        };
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut request = httparse::Request::new(&mut headers);
        let parsed = request.parse(&buffer[..head_end]);
        let (Ok(httparse::Status::Complete(_)), Some(method), Some(target)) = (parsed, request.method, request.path) else {
            let body = Message::BadRequest.text(shared.lang);
            let _ = write_reply(&mut stream, &text(400, &body, "text/plain; charset=utf-8"), false, false);
            return;
        };
        let header = |name: &str| request.headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value);
        let close = header("Connection").is_some_and(|v| v.eq_ignore_ascii_case(b"close")) || request.version == Some(0);
        // Bodies are not read (no route takes one): a request with one ends the connection.
        let has_body = header("Content-Length").is_some_and(|v| v != b"0") || header("Transfer-Encoding").is_some();
        let (method, target) = (method.to_string(), target.to_string());
        buffer.drain(..head_end);
        let reply = handle(&method, &target, shared);
        let keep = !close && !has_body;
        if write_reply(&mut stream, &reply, method == "HEAD", keep).is_err() || !keep {
            return;
        }
    }
}

enum Head {
    /// The head ends at this offset of the buffer (after its blank line).
    Complete(usize),
    Closed,
    TooLong,
}

/// Reads from the stream until the buffer holds a whole request head.
fn read_head(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Head {
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = find(buffer, b"\r\n\r\n").map(|i| i + 4).or_else(|| find(buffer, b"\n\n").map(|i| i + 2)) {
            return Head::Complete(end);
        }
        if buffer.len() > MAX_HEAD {
            return Head::TooLong;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Head::Closed,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

fn write_reply(stream: &mut TcpStream, reply: &Reply, head_only: bool, keep_alive: bool) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nContent-Security-Policy: {}\r\nConnection: {}\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len(),
        reply.editor_policy.as_deref().unwrap_or(crate::render::SITE_POLICY),
        if keep_alive { "keep-alive" } else { "close" }
    );
    if reply.editor_policy.is_some() {
        head.push_str("X-Robots-Tag: noindex, nofollow\r\n");
    }
    if let Some(location) = &reply.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&reply.body)?;
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn handle(method: &str, target: &str, shared: &Shared) -> Reply {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let get = method == "GET" || method == "HEAD";
    match path {
        "/__atlas/reload.js" if get => text(200, RELOAD_JS, "text/javascript; charset=utf-8"),
        "/__atlas/overlay.css" if get => text(200, OVERLAY_CSS, "text/css; charset=utf-8"),
        "/__atlas/status" if method == "GET" => status(shared, since(query), param(query, "page")),
        _ if get => page(shared, path, query),
        _ => text(405, &Message::MethodNotAllowed.text(shared.lang), "text/plain; charset=utf-8"),
    }
}

fn reply(status: u16, body: Vec<u8>, content_type: &str) -> Reply {
    Reply { status, content_type: content_type.to_string(), location: None, editor_policy: None, body }
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
/// changed. The errors and the overlay's words are in the run's language.
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
    let lang = shared.lang;
    let errors: Vec<serde_json::Value> = state.errors.iter().map(|d| d.to_json(lang)).collect();
    let body = serde_json::json!({
        "revision": state.revision,
        "generation": state.generation,
        "site_generation": state.site_generation,
        "site_wide_pending": state.site_wide_pending,
        "errors": errors,
        "overlay": {
            "lang": lang.tag(),
            "title": Message::OverlayTitle { count: errors.len() }.text(lang),
            "note": Message::OverlayNote.text(lang),
            "close": Message::OverlayClose.text(lang),
        },
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
    let (files, generation, errors, editor_policy) = {
        let state: std::sync::MutexGuard<'_, State> = shared.lock();
        (state.files.clone(), state.site_generation, state.errors.clone(), state.editor_policy.clone())
    };
    if generation == 0 {
        return reply(503, no_site_page(&errors, shared.lang).into_bytes(), "text/html; charset=utf-8");
    }
    let path = percent_decode(path);
    let not_found = crate::urls::file_for(&crate::urls::not_found());
    let (status, file, bytes) = match find_file(&files, &path) {
        Found::File(file, bytes) => (200, file, bytes),
        Found::Redirect => {
            // The address as the browser sent it, with the slash: percent-encoded
            // where it was not already, so that the header stays ASCII.
            let location = if query.is_empty() { format!("{path}/") } else { format!("{path}/?{query}") };
            let mut r = text(301, "", "text/plain; charset=utf-8");
            r.location = Some(percent_encoding::utf8_percent_encode(&location, HEADER_UNSAFE).to_string());
            return r;
        }
        Found::Missing(Some(bytes)) => (404, not_found.as_str(), bytes),
        Found::Missing(None) => return text(404, &Message::NotFound.text(shared.lang), "text/plain; charset=utf-8"),
    };
    let mut reply = served(status, file, bytes, &version(&files, generation, &path));
    if status == 200 && path.starts_with(&crate::urls::admin()) {
        reply.editor_policy = editor_policy;
    }
    reply
}

/// Bytes that cannot stand in a header value as they are (controls and
/// spaces); non-ASCII is always encoded.
const HEADER_UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b' ');

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
fn no_site_page(errors: &[crate::diagnostics::Diagnostic], lang: crate::messages::Lang) -> String {
    use crate::render::escape;
    let items: String = errors
        .iter()
        .map(|d| {
            let field = d.field.as_deref().map(|f| format!(" [{f}]")).unwrap_or_default();
            let help = d.help.as_ref().map(|h| format!("<br>{}", escape(&h.text(lang)))).unwrap_or_default();
            format!(
                "<li><code>{}:{}:{}{}</code> {}{help}</li>",
                escape(&d.file),
                d.line,
                d.column,
                escape(&field),
                escape(&d.message.text(lang))
            )
        })
        .collect();
    let html_lang = lang.tag();
    format!(
        "<!DOCTYPE html><html lang=\"{html_lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><script src=\"/__atlas/reload.js\" data-version=\"none\" defer></script></head>\
         <body><main><h1>{}</h1><p>{}</p><ul>{items}</ul></main></body></html>",
        escape(&Message::NoSiteTitle.text(lang)),
        escape(&Message::NoSiteHeading.text(lang)),
        escape(&Message::NoSiteNote.text(lang)),
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
        // Malformed escapes stay as written; bytes that are not UTF-8 become U+FFFD.
        assert_eq!(percent_decode("/a%ZZ%E3%8"), "/a%ZZ\u{fffd}%8");
    }
}
