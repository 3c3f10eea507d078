use super::USAGE_ERROR;
use crate::messages::{Lang, Message};
use std::path::Path;

pub fn run(root: &Path, port: u16, color: bool, lang: Lang) -> i32 {
    match crate::serve::serve(root, port, color, lang) {
        Ok(()) => super::OK,
        Err(e) => {
            eprintln!("{}: {}", Message::LabelError.text(lang), e.message().text(lang));
            USAGE_ERROR
        }
    }
}
