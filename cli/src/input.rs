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
pub(crate) fn read(path: &str) -> Result<String, Failure> {
    let io = |e: std::io::Error| Failure::Io { path: path.to_owned(), message: e.to_string() };
    if path == "-" {
        let mut text = String::new();
        std::io::stdin().lock().read_to_string(&mut text).map_err(io)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(io)
    }
}
