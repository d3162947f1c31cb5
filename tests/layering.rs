//! The architecture, enforced: data flows one way, from raw values through
//! the validated model, its evaluation, the analysis and the report. A module
//! may use modules of its own layer or of a lower one, never of a higher one.
//!
//! This test reads every `crate::…` path in `src/` (outside comments and
//! unit-test blocks) and fails on an upward import, on a path through the
//! crate root (`crate::Fraction` hides which module it reaches; name it), and
//! on a module missing from the table below.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers, lowest first. This is the one place the order is written.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundation",
        &["error", "decimal", "duration", "fraction", "money", "civil", "json", "numerics", "text", "limits"],
    ),
    ("values", &["convention", "availability", "curve", "outage", "note", "parameter"]),
    ("calendar", &["calendar"]),
    ("outage processes", &["process", "support"]),
    ("cost model and its f64 kernel", &["cost"]),
    ("evaluation", &["extension", "expected", "target", "simulate", "architecture"]),
    ("decision", &["decision"]),
    ("scenario document", &["scenario"]),
    ("sensitivity", &["sensitivity"]),
    ("analysis", &["analysis"]),
    ("report and rendering", &["report"]),
    ("document schemas", &["schema"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, modules)| modules.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/cost/sla.rs` → `cost`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// The code lines of `text`: comments dropped, and everything from a unit-test
/// block (`#[cfg(test)]` then `mod tests {`) on.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]")
            && lines.get(i + 1).is_some_and(|next| next.trim_start().starts_with("mod tests {"))
        {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        let code = t.split(" //").next().unwrap_or(t);
        out.push((i + 1, code));
    }
    out
}

/// Every `crate::name` in a line.
fn crate_paths(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

/// The violations in `src`: `(file:line, what)`.
fn violations(src: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let module = module_of(src, &file);
        // The crate root re-exports everything; test-only files may reach anywhere.
        if module == "lib" || name == "tests.rs" {
            continue;
        }
        let Some(own) = layer_of(&module) else {
            out.push((file.display().to_string(), format!("module `{module}` is not in the layer table")));
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            for path in crate_paths(line) {
                let place = format!("{}:{n}", file.display());
                if path.starts_with(|c: char| c.is_ascii_uppercase()) || path.is_empty() {
                    out.push((
                        place,
                        format!("`crate::{path}` goes through the crate root: name its module"),
                    ));
                    continue;
                }
                match layer_of(path) {
                    Some(l) if l > own => out.push((
                        place,
                        format!(
                            "`{module}` ({}) imports `{path}` ({}), a higher layer",
                            LAYERS[own].0, LAYERS[l].0
                        ),
                    )),
                    Some(_) => {}
                    None => out.push((place, format!("`crate::{path}` is not a module in the layer table"))),
                }
            }
        }
    }
    out
}

#[test]
fn no_module_imports_a_higher_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    let text: Vec<String> = found.iter().map(|(at, what)| format!("{at}: {what}")).collect();
    assert!(found.is_empty(), "{} layering violations:\n{}", found.len(), text.join("\n"));
}

#[test]
fn every_module_of_the_crate_is_in_the_table() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let mut seen = BTreeMap::new();
    for line in lib.lines() {
        let t = line.trim();
        let decl = t.strip_prefix("pub mod ").or_else(|| t.strip_prefix("mod "));
        if let Some(name) = decl.and_then(|d| d.strip_suffix(';')) {
            seen.insert(name.to_owned(), layer_of(name));
        }
    }
    assert!(seen.len() >= 20, "found only {} modules in lib.rs", seen.len());
    let missing: Vec<&String> = seen.iter().filter(|(_, l)| l.is_none()).map(|(m, _)| m).collect();
    assert!(missing.is_empty(), "modules missing from the layer table: {missing:?}");
}

#[test]
fn the_checker_catches_an_upward_import() {
    // A calendar (layer 2) that reaches for the report (the top layer), and a
    // path through the crate root: both are reported, with their lines.
    let dir = std::env::temp_dir().join(format!("downtime-cost-layering-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("cost")).unwrap();
    std::fs::write(
        dir.join("calendar.rs"),
        "use crate::error::Error;\n// use crate::report::Report; (a comment is not an import)\nuse crate::report::Report;\n",
    )
    .unwrap();
    std::fs::write(dir.join("cost").join("sla.rs"), "fn f() -> crate::Fraction { todo!() }\n").unwrap();
    let found = violations(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].0.ends_with("calendar.rs:3") && found[0].1.contains("higher layer"), "{found:?}");
    assert!(found[1].1.contains("crate root"), "{found:?}");
}
