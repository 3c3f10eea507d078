use super::{CONTENT_ERROR, OK, USAGE_ERROR};
use crate::scaffold;
use crate::schema::Kind;
use std::path::Path;

pub fn run(root: &Path, kind: &str, id: &str) -> i32 {
    match create(root, kind, id) {
        Ok(file) => {
            eprintln!(
                "Wrote {file}. Fill in the fields (each is explained in the file and in docs/fields.md), then run `atlas check` and preview with `atlas serve`."
            );
            OK
        }
        Err((code, message)) => {
            eprintln!("error: {message}");
            code
        }
    }
}

/// Writes the record and returns its path relative to the root.
fn create(root: &Path, kind: &str, id: &str) -> Result<String, (i32, String)> {
    let kind =
        Kind::from_name(kind).ok_or_else(|| (USAGE_ERROR, format!("`{kind}` is not a kind; use program, organization, place or case")))?;
    if !crate::text::is_safe_slug(id) {
        return Err((
            USAGE_ERROR,
            format!(
                "`{id}` is not a safe id: use lowercase ASCII letters, digits and single hyphens, at most 80 characters (e.g. city-saitama); the id becomes the page URL"
            ),
        ));
    }
    if let Some(reason) = crate::urls::reserved_id(kind, id) {
        return Err((USAGE_ERROR, format!("{reason}; choose another id")));
    }
    if !root.join("atlas.yaml").is_file() {
        return Err((
            USAGE_ERROR,
            format!("{} is not a site root (no atlas.yaml); run atlas in the site folder or pass --root", root.display()),
        ));
    }
    let (inputs, _) = crate::content::load(root);
    let inputs = inputs.ok_or_else(|| (CONTENT_ERROR, "atlas.yaml cannot be read; run `atlas check` to see why".to_string()))?;
    let file = format!("content/{}/{id}.md", kind.folder());
    if let Some(existing) = inputs.records.iter().find(|r| r.common.id == id) {
        return Err((CONTENT_ERROR, format!("the id `{id}` is already used by {}; choose another id", existing.file)));
    }
    for other in Kind::ALL {
        let path = format!("content/{}/{id}.md", other.folder());
        if root.join(&path).exists() {
            return Err((CONTENT_ERROR, format!("{path} already exists; choose another id")));
        }
    }
    let first_source = inputs.sources.first().map(|s| s.source.id.clone()).ok_or_else(|| {
        (CONTENT_ERROR, "seeds/ holds no source document; register the document the record comes from first (seeds/<id>.yaml)".to_string())
    })?;
    let facts = scaffold::SiteFacts { taxonomies: &inputs.taxonomies, first_source: &first_source, today: crate::today() };
    let text = scaffold::record(kind, id, &facts);
    let path = root.join(&file);
    let written = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| {
        // create_new: never overwrite a file that appeared meanwhile.
        use std::io::Write;
        std::fs::OpenOptions::new().write(true).create_new(true).open(&path)?.write_all(text.as_bytes())
    });
    written.map_err(|e| (CONTENT_ERROR, format!("cannot write {file}: {e}")))?;
    Ok(file)
}
