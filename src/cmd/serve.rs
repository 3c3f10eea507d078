use super::USAGE_ERROR;
use std::path::Path;

pub fn run(root: &Path, port: u16, color: bool) -> i32 {
    match crate::serve::serve(root, port, color) {
        Ok(()) => super::OK,
        Err(e) => {
            eprintln!("error: {e}");
            USAGE_ERROR
        }
    }
}
