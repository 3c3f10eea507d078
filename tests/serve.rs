//! `atlas serve` driven for real: a child process on a free port, fetched
//! over HTTP while the test edits, breaks and fixes a record.

mod common;
use common::{Fixture, PROGRAM};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The serve process, stopped when the test ends (even on failure).
struct Serve {
    child: Child,
    base: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(f: &Fixture) -> Serve {
    start_in(f, "en")
}

/// `start` with messages in `lang` (empty: the site's language).
fn start_in(f: &Fixture, lang: &str) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_atlas"))
        .args(["serve", "--port", "0", "--root"])
        .arg(f.root())
        .env("NO_COLOR", "1")
        .env("ATLAS_LANG", lang)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).unwrap_or_else(|| panic!("no URL in {line:?}"));
    Serve { base: base.trim_end_matches('/').to_string(), child }
}

impl Serve {
    /// (status, body) of a GET.
    fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into();
        let mut r = agent.get(&format!("{}{path}", self.base)).call().unwrap();
        (r.status().as_u16(), r.body_mut().read_to_string().unwrap())
    }

    /// The version the status reports for a page, and the one the served
    /// page carries (they are equal while the page is current).
    fn versions(&self, path: &str) -> (String, String) {
        let page = self.get(path).1;
        let served = page.split("data-version=\"").nth(1).and_then(|v| v.split('"').next()).unwrap_or_default().to_string();
        let status: Value = serde_json::from_str(&self.get(&format!("/__atlas/status?page={path}")).1).unwrap();
        (status["version"].as_str().unwrap_or_default().to_string(), served)
    }

    fn status(&self, since: Option<u64>) -> Value {
        let q = since.map(|s| format!("?since={s}")).unwrap_or_default();
        serde_json::from_str(&self.get(&format!("/__atlas/status{q}")).1).unwrap()
    }

    /// Waits (long polls) until a build after `generation` finished and its
    /// site-wide outputs are served too; its status.
    fn next_build(&self, generation: u64) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut s = self.status(None);
        loop {
            let built = s["generation"].as_u64() != Some(generation) && s["site_wide_pending"] == false;
            if built || Instant::now() > deadline {
                return s;
            }
            s = self.status(s["revision"].as_u64());
        }
    }
}

#[test]
fn edit_break_and_fix_a_record_while_serving() {
    let f = Fixture::with_records();
    let serve = start(&f);

    let (code, page) = serve.get("/programs/test-lab/");
    assert_eq!(code, 200);
    assert!(page.contains("試作開発ラボ"), "{page}");
    assert!(page.contains("<script src=\"/__atlas/reload.js\""), "the reload script is added: {page}");
    assert!(!page.contains("<script>"), "no inline script");
    assert!(f.read("content/programs/test-lab.md").contains("試作開発ラボ"));
    assert!(!f.path("public").exists(), "serve writes nothing to disk");
    let (code, js) = serve.get("/__atlas/reload.js");
    assert_eq!(code, 200);
    assert!(js.contains("/__atlas/status"));
    assert_eq!(serve.get("/programs/test-lab").0, 301, "addresses without the final / redirect");
    assert_eq!(serve.get("/programs/nothing/").0, 404);

    let s = serve.status(None);
    assert_eq!(s["errors"].as_array().unwrap().len(), 0, "{s}");
    let generation = s["generation"].as_u64().unwrap();
    let (page_version, served_version) = serve.versions("/programs/test-lab/");
    assert!(!page_version.is_empty() && page_version == served_version, "{page_version} {served_version}");
    let (not_found_version, _) = serve.versions("/404.html");

    // Edit: the new name is served on the page and where others show it.
    f.write("content/programs/test-lab.md", &PROGRAM.replace("name: 試作開発ラボ", "name: 試作開発ラボ改"));
    let s = serve.next_build(generation);
    // Open pages reload when what they show changed, and only then.
    assert_ne!(serve.versions("/programs/test-lab/").0, page_version, "the edited page has a new version");
    assert_eq!(serve.versions("/404.html").0, not_found_version, "an unaffected page keeps its version");
    assert_eq!(s["errors"].as_array().unwrap().len(), 0, "{s}");
    let site_generation = s["site_generation"].as_u64().unwrap();
    assert!(serve.get("/programs/test-lab/").1.contains("試作開発ラボ改"));
    assert!(serve.get("/cases/test-case/").1.contains("試作開発ラボ改"), "the case page names the program");
    assert!(serve.get("/programs/").1.contains("試作開発ラボ改"), "the list shows the new name");

    // Break: the error is served with file, line and field; the old page stays.
    f.write("content/programs/test-lab.md", &PROGRAM.replace("name: 試作開発ラボ", "name: 壊れた版").replace("stage-4", "stage-9"));
    let s = serve.next_build(s["generation"].as_u64().unwrap());
    let errors = s["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{s}");
    assert_eq!(errors[0]["file"], "content/programs/test-lab.md");
    assert_eq!(errors[0]["line"], 9);
    assert_eq!(errors[0]["field"], "stages[1]");
    assert_eq!(s["site_generation"].as_u64(), Some(site_generation), "no new site was published");
    let (code, page) = serve.get("/programs/test-lab/");
    assert_eq!(code, 200);
    assert!(page.contains("試作開発ラボ改") && !page.contains("壊れた版"), "the last good page stays");

    // Fix: errors clear and the fixed record is served.
    f.write("content/programs/test-lab.md", &PROGRAM.replace("name: 試作開発ラボ", "name: 直した版"));
    let s = serve.next_build(s["generation"].as_u64().unwrap());
    assert_eq!(s["errors"].as_array().unwrap().len(), 0, "{s}");
    assert!(s["site_generation"].as_u64() > Some(site_generation));
    assert!(serve.get("/programs/test-lab/").1.contains("直した版"));

    // A theme change rebuilds everything.
    let css = f.path("themes/default/static/style.css");
    std::fs::write(&css, std::fs::read_to_string(&css).unwrap() + "\n.edited-by-test { color: #ff0000; }\n").unwrap();
    let s = serve.next_build(s["generation"].as_u64().unwrap());
    assert_eq!(s["errors"].as_array().unwrap().len(), 0, "{s}");
    let page = serve.get("/").1;
    let css_url = page.split("href=").find_map(|p| p.split(['"', ' ', '>']).find(|x| x.starts_with("/assets/style."))).unwrap();
    assert!(serve.get(css_url).1.contains(".edited-by-test{color:red}"), "{css_url}");
}

#[test]
fn a_site_that_does_not_build_yet_shows_its_errors() {
    let f = Fixture::with_records();
    f.write("content/programs/test-lab.md", &PROGRAM.replace("stage-4", "stage-9"));
    let serve = start(&f);
    let (code, page) = serve.get("/");
    assert_eq!(code, 503);
    assert!(page.contains("content/programs/test-lab.md:9") && page.contains("stage-9"), "{page}");
    let s = serve.status(None);
    f.write("content/programs/test-lab.md", PROGRAM);
    let s = serve.next_build(s["generation"].as_u64().unwrap());
    assert_eq!(s["errors"].as_array().unwrap().len(), 0, "{s}");
    assert_eq!(serve.get("/").0, 200);
}

#[test]
fn a_taken_port_is_a_clear_usage_error() {
    let f = Fixture::with_records();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let out = f.atlas(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(err.contains(&format!("port {port} is already in use")) && err.contains("--port"), "{err}");
}

/// The status line and headers of the answer to `request` sent as raw
/// bytes over a socket ("" when the connection was dropped without one).
fn raw(serve: &Serve, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(serve.base.trim_start_matches("http://")).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    stream.write_all(request).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn every_request_line_gets_an_answer() {
    let f = Fixture::with_records();
    let serve = start(&f);
    let close = "\r\nHost: x\r\nConnection: close\r\n\r\n";
    let ask = |line: &[u8]| raw(&serve, &[line, close.as_bytes()].concat());
    // Raw UTF-8 in the query (as some clients send what was typed) and in the path.
    let answer = ask("GET /search/?q=医工連携 HTTP/1.1".as_bytes());
    assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
    assert!(ask("GET /programs/あ/ HTTP/1.1".as_bytes()).starts_with("HTTP/1.1 404 "));
    // Malformed percent escapes: a page, not a dropped connection.
    assert!(ask(b"GET /search/?q=%E3%8&page=%ZZ HTTP/1.1").starts_with("HTTP/1.1 200 "));
    assert!(ask(b"GET /%ZZ/%E3 HTTP/1.1").starts_with("HTTP/1.1 404 "));
    let status = ask(b"GET /__atlas/status?page=%E3%81 HTTP/1.1");
    assert!(status.starts_with("HTTP/1.1 200 ") && status.contains("\"version\""), "{status}");
    // A redirect of a raw UTF-8 address has an ASCII Location.
    let redirect = ask("GET /programs/test-lab?q=医工 HTTP/1.1".as_bytes());
    assert!(
        redirect.starts_with("HTTP/1.1 301 ") && redirect.contains("Location: /programs/test-lab/?q=%E5%8C%BB%E5%B7%A5\r\n"),
        "{redirect}"
    );
    // Not UTF-8, not HTTP, too long: 400 or 414, then the connection closes.
    assert!(ask(b"GET /\xff\xfe HTTP/1.1").starts_with("HTTP/1.1 400 "));
    assert!(raw(&serve, b"GARBAGE\r\n\r\n").starts_with("HTTP/1.1 400 "));
    assert!(raw(&serve, b"\r\n\r\n").starts_with("HTTP/1.1 400 "));
    let long = [b"GET /".as_slice(), &vec![b'a'; 100_000], b" HTTP/1.1\r\n\r\n"].concat();
    assert!(raw(&serve, &long).starts_with("HTTP/1.1 414 "));
    assert!(ask(b"POST / HTTP/1.1").starts_with("HTTP/1.1 405 "));
    // The server is still there, and keeps a connection open between requests.
    let two = raw(&serve, b"GET /programs/test-lab/ HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(two.matches("HTTP/1.1 200 ").count(), 2, "{two}");
    assert_eq!(serve.get("/").0, 200);
}

#[test]
fn the_overlay_speaks_the_site_language() {
    let f = Fixture::with_records();
    f.write("content/programs/test-lab.md", &PROGRAM.replace("stage-4", "stage-9"));
    let serve = start_in(&f, "");
    let (code, page) = serve.get("/");
    assert_eq!(code, 503);
    assert!(page.contains("<html lang=\"ja\">") && page.contains("サイトをビルドできませんでした"), "{page}");
    assert!(
        page.contains("content/programs/test-lab.md:9:15 [stages[1]]</code> `stage-9` は支援段階（stages）の用語ではありません"),
        "{page}"
    );
    let s = serve.status(None);
    assert_eq!(s["overlay"]["title"], "ビルドエラー（1件）", "{s}");
    assert_eq!(s["overlay"]["lang"], "ja");
    assert_eq!(s["errors"][0]["code"], "term.unknown");
    assert!(s["errors"][0]["help"].as_str().unwrap().contains("のことではありませんか"), "{s}");
}
