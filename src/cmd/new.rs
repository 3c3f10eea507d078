use super::{CONTENT_ERROR, OK, USAGE_ERROR};
use crate::messages::{Lang, Message};
use crate::scaffold;
use crate::schema::Kind;
use std::path::Path;

pub fn run(root: &Path, kind: &str, id: &str, lang: Lang) -> i32 {
    match create(root, kind, id) {
        Ok(file) => {
            eprintln!("{}", Message::NewWrote { file, placeholder: scaffold::FILL_IN.into() }.text(lang));
            OK
        }
        Err(refusal) => {
            let (code, message) = *refusal;
            eprintln!("{}: {}", Message::LabelError.text(lang), message.text(lang));
            code
        }
    }
}

/// Writes the record and returns its path relative to the root.
/// Why a record was not written: the exit code and the message.
type Refusal = Box<(i32, Message)>;

fn create(root: &Path, kind: &str, id: &str) -> Result<String, Refusal> {
    let kind = Kind::from_name(kind).ok_or_else(|| Box::new((USAGE_ERROR, Message::NotAKind { kind: kind.to_string() })))?;
    if !crate::text::is_safe_slug(id) {
        return Err(Box::new((USAGE_ERROR, Message::NewIdNotSlug { id: id.to_string() })));
    }
    if let Some(reason) = crate::urls::reserved_id(kind, id) {
        return Err(Box::new((USAGE_ERROR, reason)));
    }
    if !root.join("atlas.yaml").is_file() {
        return Err(Box::new((USAGE_ERROR, Message::NotASiteRoot { root: root.display().to_string() })));
    }
    let (inputs, _) = crate::content::load(root);
    let inputs = inputs.ok_or_else(|| Box::new((CONTENT_ERROR, Message::ConfigBroken)))?;
    let file = format!("content/{}/{id}.md", kind.folder());
    if let Some(existing) = inputs.records.iter().find(|r| r.common.id == id) {
        return Err(Box::new((CONTENT_ERROR, Message::IdTaken { id: id.to_string(), file: existing.file.clone() })));
    }
    for other in Kind::ALL {
        let path = format!("content/{}/{id}.md", other.folder());
        if root.join(&path).exists() {
            return Err(Box::new((CONTENT_ERROR, Message::NewFileExists { path })));
        }
    }
    let first_source =
        inputs.sources.first().map(|s| s.source.id.clone()).ok_or_else(|| Box::new((CONTENT_ERROR, Message::NoSourceRegistered)))?;
    let facts = scaffold::SiteFacts { taxonomies: &inputs.taxonomies, first_source: &first_source, today: crate::today() };
    let text = scaffold::record(kind, id, &facts);
    let path = root.join(&file);
    let written = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| {
        // create_new: never overwrite a file that appeared meanwhile.
        use std::io::Write;
        std::fs::OpenOptions::new().write(true).create_new(true).open(&path)?.write_all(text.as_bytes())
    });
    written.map_err(|e| Box::new((CONTENT_ERROR, Message::CannotWrite { file: file.clone(), error: e.to_string() })))?;
    Ok(file)
}
