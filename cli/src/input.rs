//! Reading a scenario: a file, standard input (`-`) or a built-in.

use std::io::Read as _;

use downtime_cost::Scenario;

use crate::Input;
use crate::failure::Failure;

/// The scenario `input` names, and where it came from (for messages).
pub(crate) fn scenario(input: &Input) -> Result<(Scenario, String), Failure> {
    match (&input.file, &input.scenario) {
        (_, Some(name)) => builtin(name).map(|s| (s, format!("scenario {name}"))),
        (Some(path), None) => {
            let source = path.display().to_string();
            let text = read(&source)?;
            Scenario::from_json(&text)
                .map(|s| (s, source.clone()))
                .map_err(|error| Failure::Invalid { source, error })
        }
        (None, None) => Err(Failure::usage(
            "missing_input",
            "give a scenario FILE, `-` for standard input, or --scenario NAME",
        )),
    }
}

/// The built-in scenario `name`; an unknown name is a usage error (exit 2).
pub(crate) fn builtin(name: &str) -> Result<Scenario, Failure> {
    Scenario::builtin(name).map_err(|e| Failure::usage("invalid_value", format!("--scenario: {e}")))
}

/// The text of `path`, or of standard input for `-`.
///
/// At most one byte more than the library's document limit is read (so
/// `/dev/zero` or an endless pipe cannot exhaust memory); the library then
/// refuses a document over the limit, naming it.
pub(crate) fn read(path: &str) -> Result<String, Failure> {
    let io = |e: std::io::Error| Failure::Io { path: path.to_owned(), message: e.to_string() };
    let limit =
        u64::try_from(downtime_cost::limits::MAX_DOCUMENT_BYTES).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes).map_err(io)?;
    } else {
        std::fs::File::open(path).map_err(io)?.take(limit).read_to_end(&mut bytes).map_err(io)?;
    }
    String::from_utf8(bytes)
        .map_err(|e| Failure::Io { path: path.to_owned(), message: format!("not UTF-8 text: {e}") })
}
