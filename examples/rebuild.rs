//! Benchmark of `atlas serve`'s rebuilds: a full in-memory build, then
//! one-record edits rebuilt incrementally (parse only the changed file, link
//! everything, render only the affected pages, then the site-wide outputs),
//! compared with re-rendering every page from the cached records. Prints
//! figures; asserts nothing.
//!
//! ```sh
//! cargo run --release --example rebuild -- --root /dev/shm/atlas-10k [--edits 10]
//! ```
//!
//! The root may be any site root, e.g. one written by the synthetic corpus
//! generator (`cargo run --release --example synth -- --records 10000 --out DIR`).
//! The edited record is restored at the end.

use atlas::serve::rebuild::Rebuilder;
use std::path::PathBuf;
use std::time::Duration;

// The allocator `atlas` itself uses (src/main.rs), so that the figures are the ones `atlas serve` has.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root = PathBuf::from(".");
    let mut edits_per_kind = 10;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = args.next().map(PathBuf::from).unwrap_or(root),
            "--edits" => edits_per_kind = args.next().and_then(|n| n.parse().ok()).unwrap_or(edits_per_kind),
            _ => {
                eprintln!("usage: rebuild [--root DIR] [--edits N]");
                std::process::exit(2);
            }
        }
    }
    let mut rebuilder = Rebuilder::new(&root);
    let first = rebuilder.rebuild(true).unwrap_or_else(|e| fail(&e));
    println!("records: {}, files: {}", first.records, first.rendered);
    println!("full build into memory (parse, link, render all): {}", ms(first.elapsed));

    let full: Vec<Duration> = (0..3).map(|_| rebuilder.rebuild(true).unwrap_or_else(|e| fail(&e)).elapsed).collect();
    println!("full re-render from cached records (link, render all):  median {}", ms(median(full)));

    let file = first_program(&root);
    let original = std::fs::read_to_string(&file).expect("readable record");
    let rel = file.strip_prefix(&root).unwrap_or(&file).to_string_lossy().into_owned();
    let body = |i: usize| format!("{original}\n編集 {i}。\n");
    let renamed = |i: usize| original.replacen("\nname: ", &format!("\nname: 改{i} "), 1);
    let edits: [(&str, &dyn Fn(usize) -> String); 2] = [("body text", &body), ("renamed", &renamed)];
    for (what, edit) in edits {
        let (mut pages, mut site_wide) = (Vec::new(), Vec::new());
        let mut rendered = (0, 0);
        for i in 0..edits_per_kind {
            std::fs::write(&file, edit(i)).expect("writable record");
            // As `atlas serve` does: the watcher names the changed file.
            rebuilder.expect_changes(std::slice::from_ref(&rel));
            let o = rebuilder.rebuild(false).unwrap_or_else(|e| fail(&e));
            let rest = rebuilder.finish().unwrap_or_else(|e| fail(&e)).expect("a site-wide pass after a record edit");
            pages.push(o.elapsed);
            site_wide.push(rest.elapsed);
            rendered = (o.rendered, rest.rendered);
        }
        println!("one-record edit, {what}:");
        println!("  pages (served first, {} files):   median {}  max {}", rendered.0, ms(median(pages.clone())), ms(max(&pages)));
        println!("  site-wide outputs ({} files):      median {}  max {}", rendered.1, ms(median(site_wide.clone())), ms(max(&site_wide)));
    }
    std::fs::write(&file, &original).expect("restore the record");
    println!("(edited {})", file.display());
}

fn first_program(root: &std::path::Path) -> PathBuf {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(root.join("content/programs")).expect("content/programs").flatten().map(|e| e.path()).collect();
    files.sort();
    files.into_iter().find(|p| p.extension().is_some_and(|e| e == "md")).expect("a program record")
}

fn fail(errors: &[atlas::diagnostics::Diagnostic]) -> ! {
    eprint!("{}", atlas::diagnostics::render(errors, atlas::diagnostics::Format::Human, false, atlas::messages::Lang::En));
    std::process::exit(1);
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn max(v: &[Duration]) -> Duration {
    v.iter().max().copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}
