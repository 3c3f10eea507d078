//! Reading workbooks and CSVs, cell forms and front matter edits must never
//! panic (nor run away with memory), whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../exercise_import.rs");

fuzz_target!(|data: &[u8]| {
    exercise_import(data);
});
