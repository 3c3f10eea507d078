use super::OK;

pub fn run(markdown: bool) -> i32 {
    if markdown {
        print!("{}", crate::fields::reference_markdown());
    } else {
        print!("{}", crate::schema::json_schema_text());
    }
    OK
}
