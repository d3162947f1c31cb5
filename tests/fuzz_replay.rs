//! The fuzz corpora and regressions, replayed on stable: every file in
//! `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` through the same
//! harness function the cargo-fuzz target calls (`fuzz/harness.rs`), so a
//! fixed crash stays fixed without a nightly toolchain. The test profile is
//! barely optimised, so the scenario corpus (about a thousand files) is
//! replayed without the Monte Carlo and the tornado but for every
//! [`SIMULATE_EVERY`]th file, which runs them with fewer trials than the fuzzer;
//! regressions always run in full. `DC_FUZZ_NO_TEXT_CHECK=1` turns off the
//! output-safety checks, as under the fuzzer.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

/// Trials per target when a scenario is simulated in the replay (64 under the fuzzer).
const REPLAY_TRIALS: u64 = 16;

/// One scenario corpus file in this many is simulated (and swung for the tornado).
const SIMULATE_EVERY: usize = 4;

/// The files of `fuzz/<dir>/<target>/`, sorted; `None` when the directory does not exist.
fn files(dir: &str, target: &str) -> Option<Vec<PathBuf>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(dir).join(target);
    let entries = std::fs::read_dir(&path).ok()?;
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.expect("a readable directory entry").path()).filter(|p| p.is_file()).collect();
    files.sort();
    Some(files)
}

/// Runs `run` on every corpus and regression file of `target` (with the
/// file's index among the corpus files, `None` for a regression); fails
/// naming each file that panics, and when the corpus is missing or empty.
fn replay(target: &str, run: fn(&[u8], Option<usize>)) {
    let corpus = files("corpus", target).unwrap_or_else(|| panic!("fuzz/corpus/{target}/ is missing"));
    assert!(!corpus.is_empty(), "fuzz/corpus/{target}/ is empty: the replay would test nothing");
    // A target without findings has no regressions directory (git keeps no empty directory).
    let regressions = files("regressions", target).unwrap_or_default();
    let mut failed = Vec::new();
    let indexed = corpus.iter().enumerate().map(|(i, f)| (Some(i), f));
    for (index, file) in indexed.chain(regressions.iter().map(|f| (None, f))) {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        if std::panic::catch_unwind(|| run(&data, index)).is_err() {
            failed.push(file.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} {target} inputs panic (messages above):\n{}",
        failed.len(),
        corpus.len() + regressions.len(),
        failed.join("\n")
    );
}

#[test]
fn text_corpus_replays() {
    replay("text", |data, _| harness::text(data));
}

#[test]
fn scenario_corpus_replays() {
    replay("scenario", |data, index| {
        let simulate = index.is_none_or(|i| i % SIMULATE_EVERY == 0);
        harness::scenario_with_trials(data, if simulate { REPLAY_TRIALS } else { 0 });
    });
}

#[test]
fn structured_corpus_replays() {
    replay("structured", |data, _| harness::structured(data));
}
