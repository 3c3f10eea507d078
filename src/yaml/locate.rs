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
/// enclosing field that can be found, or (1, 1).
pub fn locate(text: &str, path: &str) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = (1, 1);
    // Current block: lines [start, end) and the minimum indent of its entries.
    let (mut start, mut end) = (0usize, lines.len());
    let mut block_indent: Option<usize> = Some(0);
    for step in steps(path) {
        match step {
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
                // A flow collection on the key's own line: stop here.
                if lines[i].contains('[') || lines[i].contains('{') {
                    return found;
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
                found = (i + 1, min + 1);
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

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "id: x\nname: y\nbudgets:\n  - fiscal_year: 2023\n    label: a\n  - fiscal_year: 令和5年度\n    label: b\nstages: [stage-1, stage-9]\nsources:\n- source: s\n  section: p\n";

    #[test]
    fn finds_nested_fields() {
        assert_eq!(locate(DOC, "name"), (2, 1));
        assert_eq!(locate(DOC, "budgets"), (3, 1));
        assert_eq!(locate(DOC, "budgets[1]"), (6, 3));
        assert_eq!(locate(DOC, "budgets[1].label"), (7, 5));
        assert_eq!(locate(DOC, "budgets[0].fiscal_year"), (4, 5));
        assert_eq!(locate(DOC, "stages[1]"), (8, 1));
        assert_eq!(locate(DOC, "sources[0].section"), (11, 3));
        assert_eq!(locate(DOC, "missing"), (1, 1));
    }
}
