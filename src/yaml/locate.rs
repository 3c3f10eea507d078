//! Finds the line of a field in YAML text from its path (`budgets[1].label`),
//! so that errors found after parsing still point at the right line.
//! serde_yaml keeps no positions in parsed values; the block and flow styles
//! records use are simple enough to find keys by their indentation.

/// One step of a field path.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = part.split_once('[').map(|(k, r)| (k, Some(r))).unwrap_or((part, None));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        if let Some(rest) = rest {
            for idx in rest.split('[') {
                if let Ok(i) = idx.trim_end_matches(']').parse() {
                    out.push(Step::Index(i));
                }
            }
        }
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_key_line(line: &str, key: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches(' ');
    let item = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    let rest = item.strip_prefix(key)?;
    let rest = rest.trim_start_matches(' ');
    (rest.starts_with(':')).then(|| line.len() - item.len())
}

/// 1-based (line, column) of the field at `path` in `text`; the closest
/// enclosing field that can be found, or (1, 1). Columns count characters.
/// A key is found at its first character, a list item at its value (after
/// `- `), an item of a flow list (`stages: [stage-2, stage-9]`) or an entry
/// of a flow mapping (`- {label: a, amount: b}`) at its own first character.
pub fn locate(text: &str, path: &str) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let steps = steps(path);
    let mut found = (1, 1);
    // Current block: lines [start, end) and the minimum indent of its entries.
    let (mut start, mut end) = (0usize, lines.len());
    let mut block_indent: Option<usize> = Some(0);
    for (k, step) in steps.iter().enumerate() {
        match *step {
            Step::Key(key) => {
                let hit = (start..end).find_map(|i| {
                    let col = is_key_line(lines[i], key)?;
                    block_indent.is_none_or(|bi| col >= bi).then_some((i, col))
                });
                let Some((i, col)) = hit else { return found };
                found = (i + 1, col + 1);
                start = i + 1;
                end = (start..end)
                    .find(|&j| {
                        let l = lines[j];
                        !l.trim().is_empty() && (indent(l) < col || (indent(l) == col && !l.trim_start().starts_with('-')))
                    })
                    .unwrap_or(end);
                block_indent = None;
                // A flow collection as the key's value: the rest of the path is inside it.
                let value = value_start(lines[i], col + key.len());
                let inside = k + 1 < steps.len();
                if let Some(v) = value.filter(|&v| inside && matches!(lines[i].as_bytes()[v], b'[' | b'{')) {
                    return (i + 1, flow(lines[i], v, &steps[k + 1..]).unwrap_or(found.1));
                }
            }
            Step::Index(n) => {
                let items: Vec<usize> =
                    (start..end).filter(|&j| lines[j].trim_start().starts_with("- ") || lines[j].trim() == "-").collect();
                let Some(min) = items.iter().map(|&j| indent(lines[j])).min() else {
                    return found;
                };
                let items: Vec<usize> = items.into_iter().filter(|&j| indent(lines[j]) == min).collect();
                let Some(&i) = items.get(n) else { return found };
                // The item's value starts after `- `.
                let content = value_start(lines[i], min + 1).unwrap_or(min);
                found = (i + 1, column(lines[i], content));
                if k + 1 < steps.len() && matches!(lines[i].as_bytes().get(content), Some(b'[' | b'{')) {
                    return (i + 1, flow(lines[i], content, &steps[k + 1..]).unwrap_or(found.1));
                }
                let next = items.get(n + 1).copied().unwrap_or(end);
                // The item's own mapping starts on its `- ` line.
                start = i;
                end = next;
                block_indent = Some(min);
            }
        }
    }
    found
}

/// 1-based character column of byte offset `at` in `line`.
fn column(line: &str, at: usize) -> usize {
    line[..at.min(line.len())].chars().count() + 1
}

/// Byte offset of the value after a key or `-` ending before `from`
/// (`from` is the offset of the colon or dash), if the line has one.
fn value_start(line: &str, from: usize) -> Option<usize> {
    let rest = line.get(from..)?;
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('-')).unwrap_or(rest);
    let skipped = rest.len() - rest.trim_start_matches(' ').len();
    let at = line.len() - rest.len() + skipped;
    (at < line.len() && !line[at..].starts_with('#')).then_some(at)
}

/// 1-based character column of the element at `steps` inside the flow
/// collection that opens at byte `open` of `line` (the collection's own
/// column when `steps` is empty); `None` when it is not on this line.
fn flow(line: &str, open: usize, steps: &[Step]) -> Option<usize> {
    let Some((step, rest)) = steps.split_first() else { return Some(column(line, open)) };
    let bytes = line.as_bytes();
    // Entries of this collection: (start of the entry, byte after its key's colon).
    let mut entries: Vec<(usize, Option<usize>)> = Vec::new();
    let (mut depth, mut quote, mut i) = (0usize, None::<u8>, open);
    let mut entry_start = None;
    while i < bytes.len() {
        let b = bytes[i];
        if quote.is_none() && depth == 1 && entry_start.is_none() && !matches!(b, b' ' | b',' | b']' | b'}') {
            entry_start = Some(i);
            entries.push((i, None));
        }
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                b',' if depth == 1 => entry_start = None,
                b':' if depth == 1 && matches!(bytes.get(i + 1), None | Some(b' ')) => {
                    if let Some(last) = entries.last_mut().filter(|e| e.1.is_none()) {
                        last.1 = Some(i);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    let (at, value) = match *step {
        Step::Index(n) => entries.get(n).map(|&(s, _)| (s, s))?,
        Step::Key(key) => {
            let (s, colon) = entries.iter().find(|(s, _)| line[*s..].trim_matches(['"', '\'']).starts_with(key))?;
            (*s, colon.and_then(|c| value_start(line, c)).unwrap_or(*s))
        }
    };
    if rest.is_empty() {
        return Some(column(line, at));
    }
    matches!(bytes.get(value), Some(b'[' | b'{')).then(|| flow(line, value, rest)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "id: x\nname: y\nbudgets:\n  - fiscal_year: 2023\n    label: a\n  - fiscal_year: 令和5年度\n    label: b\nstages: [stage-1, stage-9]\nsources:\n- source: s\n  section: p\n";

    #[test]
    fn finds_nested_fields() {
        assert_eq!(locate(DOC, "name"), (2, 1));
        assert_eq!(locate(DOC, "budgets"), (3, 1));
        assert_eq!(locate(DOC, "budgets[1]"), (6, 5));
        assert_eq!(locate(DOC, "budgets[1].label"), (7, 5));
        assert_eq!(locate(DOC, "budgets[0].fiscal_year"), (4, 5));
        assert_eq!(locate(DOC, "sources[0]"), (10, 3));
        assert_eq!(locate(DOC, "sources[0].section"), (11, 3));
        assert_eq!(locate(DOC, "missing"), (1, 1));
    }

    #[test]
    fn finds_items_of_flow_collections_at_their_own_column() {
        assert_eq!(locate(DOC, "stages"), (8, 1));
        assert_eq!(locate(DOC, "stages[0]"), (8, 10));
        assert_eq!(locate(DOC, "stages[1]"), (8, 19));
        let doc =
            "stages: [段階⑤, stage-9]\nbudgets:\n  - {fiscal_year: 2023, label: 予算額, amount: 1円}\nmatrix: [[a, b], [c, \"d, e\", f]]\n";
        // Columns count characters, not bytes.
        assert_eq!(locate(doc, "stages[1]"), (1, 15));
        assert_eq!(locate(doc, "budgets[0]"), (3, 5));
        assert_eq!(locate(doc, "budgets[0].label"), (3, 25));
        assert_eq!(locate(doc, "budgets[0].amount"), (3, 37));
        assert_eq!(locate(doc, "matrix[1][2]"), (4, 30));
        assert_eq!(locate(doc, "matrix[1][1]"), (4, 22));
        assert_eq!(locate(doc, "matrix[3]"), (4, 1));
    }
}
