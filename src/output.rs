//! Stage 4, write: files go into a staging folder beside the output folder,
//! which replaces the previous site only when the whole build succeeded.

use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Where renderers put files. Safe to share between threads.
pub struct Sink {
    target: Target,
    /// Every path written with its size, to catch two pages claiming the
    /// same URL and to report the size of parts of the site.
    written: Mutex<HashMap<String, u64>>,
    files: AtomicUsize,
    pages: AtomicUsize,
    bytes: AtomicU64,
}

/// A folder on disk, or memory (`atlas serve` never writes the site to disk).
enum Target {
    Dir(PathBuf),
    Memory(Mutex<HashMap<String, Vec<u8>>>),
}

impl Sink {
    pub fn new(dir: PathBuf) -> Sink {
        Sink::with(Target::Dir(dir))
    }

    /// A sink that keeps the files in memory; see `into_files`.
    pub fn memory() -> Sink {
        Sink::with(Target::Memory(Mutex::default()))
    }

    fn with(target: Target) -> Sink {
        Sink { target, written: Mutex::default(), files: AtomicUsize::new(0), pages: AtomicUsize::new(0), bytes: AtomicU64::new(0) }
    }

    /// The files written into a memory sink, by relative path (empty for a folder).
    pub fn into_files(self) -> HashMap<String, Vec<u8>> {
        match self.target {
            Target::Memory(m) => m.into_inner().unwrap_or_else(|e| e.into_inner()),
            Target::Dir(_) => HashMap::new(),
        }
    }

    /// Writes `data` at the relative path `rel` (always `/`-separated).
    /// Paths that could leave the output folder are refused.
    pub fn write(&self, rel: &str, data: &[u8]) -> io::Result<()> {
        let rel_path = checked(rel)?;
        self.claim(rel, data.len() as u64)?;
        match &self.target {
            Target::Dir(dir) => {
                let path = dir.join(rel_path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&path, data)?;
            }
            Target::Memory(files) => {
                files.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), data.to_vec());
            }
        }
        self.count(rel, data.len() as u64);
        Ok(())
    }

    /// Writes the file at `rel` as `write_to` produces it, without holding
    /// it whole in memory when the target is a folder (the open-data files
    /// of a large site are hundreds of megabytes). Returns its size.
    pub fn write_streamed(&self, rel: &str, write_to: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) -> io::Result<u64> {
        let Target::Dir(dir) = &self.target else {
            let mut bytes = Vec::new();
            write_to(&mut bytes)?;
            return self.write(rel, &bytes).map(|()| bytes.len() as u64);
        };
        let path = dir.join(checked(rel)?);
        self.claim(rel, 0)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut out = io::BufWriter::new(std::fs::File::create(&path)?);
        write_to(&mut out)?;
        let size = out.into_inner().map_err(io::IntoInnerError::into_error)?.metadata()?.len();
        self.written.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), size);
        self.count(rel, size);
        Ok(size)
    }

    /// Adds a written file to the figures of the build summary.
    fn count(&self, rel: &str, size: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        if rel.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        self.bytes.fetch_add(size, Ordering::Relaxed);
    }

    /// Records that `rel` was written; two writes of one path are an error.
    fn claim(&self, rel: &str, size: u64) -> io::Result<()> {
        if self.written.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), size).is_some() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("two pages claim the same URL ({rel}); rename the record, taxonomy or term whose id makes it"),
            ));
        }
        Ok(())
    }

    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }
    pub fn pages(&self) -> usize {
        self.pages.load(Ordering::Relaxed)
    }
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }
    /// Bytes written under a folder (e.g. `search/` for the search index).
    pub fn bytes_under(&self, folder: &str) -> u64 {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).iter().filter(|(k, _)| k.starts_with(folder)).map(|(_, n)| n).sum()
    }
}

/// `rel` as a path that stays inside the output folder, or an error.
fn checked(rel: &str) -> io::Result<&Path> {
    let bad = || io::Error::new(io::ErrorKind::InvalidInput, format!("refusing to write outside the output folder: {rel:?}"));
    if rel.is_empty() || rel.contains('\\') || rel.contains('\0') || rel.contains(':') {
        return Err(bad());
    }
    let p = Path::new(rel);
    if !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(bad());
    }
    Ok(p)
}

/// Runs `build` against a fresh staging folder next to `out`, then swaps it
/// in. On any error the staging folder is removed and `out` is untouched.
pub fn build_atomically<T, E: From<io::Error>>(out: &Path, build: impl FnOnce(&Sink) -> Result<T, E>) -> Result<T, E> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.building-{pid}"));
    let old = parent.join(format!(".{name}.previous-{pid}"));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging)?;
    let sink = Sink::new(staging.clone());
    let result = build(&sink);
    let value = match result {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let swap = || -> io::Result<()> {
        if out.exists() {
            std::fs::rename(out, &old)?;
        }
        if let Err(e) = std::fs::rename(&staging, out) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old, out);
            return Err(e);
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    };
    if let Err(e) = swap() {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e.into());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let sink = Sink::new(dir.path().to_path_buf());
        for bad in ["../x", "/etc/x", "a/../../x", "a\\b", "c:/x", ""] {
            assert!(sink.write(bad, b"x").is_err(), "{bad}");
        }
        sink.write("a/b/index.html", b"x").unwrap();
        assert_eq!(sink.pages(), 1);
        assert!(sink.write("a/b/index.html", b"y").unwrap_err().to_string().contains("same URL"));
    }

    #[test]
    fn failed_build_keeps_previous() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build_atomically::<_, io::Error>(&out, |s| s.write("index.html", b"one")).unwrap();
        let r = build_atomically::<(), io::Error>(&out, |s| {
            s.write("index.html", b"two")?;
            Err(io::Error::other("boom"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no staging folder left behind");
    }
}
