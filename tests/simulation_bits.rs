//! The bits of a seeded simulation, checked in as a fixture the Python
//! package's tests read (`python/tests/`): the same scenario and seed give
//! the same losses, bit for bit, from Rust and from Python.
//!
//! After an intended value-breaking change, regenerate with
//! `UPDATE_GOLDEN=1 cargo test --all-features --test integration simulation_bits`.

use downtime_cost::{Analysis, Scenario, SimulationOptions};
use std::fmt::Write as _;

/// FNV-1a (64-bit) of `bytes`.
fn fnv1a_bytes(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// FNV-1a (64-bit) over the little-endian bytes of each loss, in order.
fn fnv1a(losses: &[f64]) -> u64 {
    fnv1a_bytes(losses.iter().flat_map(|x| x.to_le_bytes()))
}

#[test]
fn fnv1a_matches_its_reference_values() {
    // The published FNV-1a 64 test vectors: "" → cbf29ce484222325, "a" → af63dc4c8601ec8c,
    // "foobar" → 85944171f73967e8.
    assert_eq!(fnv1a_bytes(*b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a_bytes(*b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a_bytes(*b"foobar"), 0x8594_4171_f739_67e8);
    // A loss is hashed as its 8 little-endian bytes: 1.0 is 0x3ff0000000000000.
    assert_eq!(fnv1a(&[1.0]), fnv1a_bytes([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]));
}

#[test]
fn the_python_fixture_holds_the_simulated_bits() {
    let scenario = Scenario::builtin("saas").unwrap();
    let mut analysis = Analysis::new(&scenario).unwrap();
    analysis.simulate(&SimulationOptions::new().with_trials(20_000).with_seed(7), |_, _| {}).unwrap();
    let mut text = String::from(
        "{\n  \"scenario\": \"saas\",\n  \"trials\": 20000,\n  \"seed\": 7,\n  \"targets\": [\n",
    );
    let n = analysis.simulations().len();
    for (i, s) in analysis.simulations().iter().enumerate() {
        let losses = s.losses().losses();
        let median = losses[losses.len() / 2];
        let _ = writeln!(
            text,
            "    {{\"target\": \"{}\", \"fnv1a64\": \"{:016x}\", \"median_bits\": \"{:016x}\", \"max_bits\": \"{:016x}\"}}{}",
            s.target().percent(),
            fnv1a(losses),
            median.to_bits(),
            losses[losses.len() - 1].to_bits(),
            if i + 1 == n { "" } else { "," }
        );
    }
    text.push_str("  ]\n}\n");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/python/tests/fixtures/saas-seed7.bits.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
        std::fs::write(path, &text).unwrap();
    }
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        checked_in, text,
        "{path} differs: regenerate with UPDATE_GOLDEN=1 after a value-breaking change"
    );
}
