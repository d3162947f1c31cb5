//! The charts example's drawing code (`examples/charts/render.rs`), tested
//! without spawning cargo: each built-in scenario is drawn into a temporary
//! directory and the SVG is parsed back and checked.

#[path = "../examples/charts/render.rs"]
mod render;

use crate::support::evaluate;
use downtime_cost::{Analysis, Report, Scenario, SensitivityOptions, SimulationOptions};
use roxmltree::{Document, Node};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

const TRIALS: u64 = 20_000;

/// A directory under the system's temp dir, removed when dropped (also when a test fails).
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir =
            std::env::temp_dir().join(format!("downtime-cost-charts-{}-{nanos}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The analysis of built-in scenario `name` (simulated and analysed for sensitivity) and its report.
fn report(name: &str) -> (Analysis, Report) {
    let scenario = Scenario::builtin(name).unwrap();
    let mut analysis = Analysis::new(&scenario).unwrap();
    analysis.simulate(&SimulationOptions::new().with_trials(TRIALS).with_seed(7), |_, _| {}).unwrap();
    analysis.analyse_sensitivity(&SensitivityOptions::new()).unwrap();
    let report = Report::new(&analysis).unwrap();
    (analysis, report)
}

fn num(node: Node<'_, '_>, attribute: &str) -> f64 {
    let v = node
        .attribute(attribute)
        .unwrap_or_else(|| panic!("<{}> without {attribute}", node.tag_name().name()));
    let x: f64 = v.parse().unwrap_or_else(|_| panic!("{attribute}={v:?} is not a number"));
    assert!(x.is_finite(), "{attribute}={v:?}");
    x
}

fn points(node: Node<'_, '_>) -> Vec<(f64, f64)> {
    let text = node.attribute("points").unwrap();
    text.split_whitespace()
        .map(|pair| {
            let (x, y) = pair.split_once(',').unwrap_or_else(|| panic!("bad point {pair:?}"));
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            assert!(x.is_finite() && y.is_finite(), "point {pair:?}");
            (x, y)
        })
        .collect()
}

fn elements<'a, 'i>(doc: &'a Document<'i>, tag: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants().filter(|n| n.is_element() && n.tag_name().name() == tag).collect()
}

fn texts(doc: &Document<'_>) -> Vec<(String, f64, f64)> {
    elements(doc, "text")
        .into_iter()
        .map(|n| (n.text().unwrap_or("").trim().to_owned(), num(n, "x"), num(n, "y")))
        .collect()
}

/// Parses `path` and checks what every chart must satisfy: a root `<svg>`
/// with its size, no NaN or infinity anywhere, every coordinate a finite
/// number, a modest file size.
fn check_svg(path: &Path, text: &str) -> (f64, f64) {
    assert!(text.len() < 300_000, "{} is {} bytes", path.display(), text.len());
    for bad in ["NaN", "inf\"", "\"inf", "-inf", "Infinity"] {
        assert!(!text.contains(bad), "{} contains {bad}", path.display());
    }
    let doc = Document::parse(text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let (w, h) = (num(root, "width"), num(root, "height"));
    assert!(w >= 400.0 && h >= 300.0, "{w}x{h}");
    for n in doc.descendants().filter(Node::is_element) {
        for a in ["x", "y", "width", "height", "cx", "cy", "r", "x1", "y1", "x2", "y2", "font-size"] {
            if n.attribute(a).is_some() {
                num(n, a);
            }
        }
        if n.attribute("points").is_some() {
            assert!(!points(n).is_empty());
        }
    }
    (w, h)
}

fn positive(x: Decimal) -> bool {
    x > Decimal::ZERO
}

fn check_cost_by_target(report: &Report, path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    check_svg(path, &text);
    let doc = Document::parse(&text).unwrap();
    let labels = texts(&doc);
    let has = |s: &str| labels.iter().any(|(t, _, _)| t == s);
    let starts = |s: &str| labels.iter().any(|(t, _, _)| t.starts_with(s));
    // Each target on the x axis, in order from left to right.
    let mut last_x = f64::NEG_INFINITY;
    for row in report.targets().rows() {
        let label = row.target().to_string();
        let (_, x, _) =
            labels.iter().find(|(t, _, _)| *t == label).unwrap_or_else(|| panic!("no label {label}"));
        assert!(*x > last_x, "{label} is not right of the previous target");
        last_x = *x;
    }
    // The legend names each series; run cost and TCO only when the scenario has run costs.
    assert!(has("Expected outage cost"));
    assert!(starts("P95 outage cost (simulated)"));
    let decision = report.decision();
    assert_eq!(has("Run cost"), decision.is_some());
    assert_eq!(has("Total cost of ownership (run + expected)"), decision.is_some());
    // One marker per plotted (positive) amount plus one per legend entry.
    let mut series = 2;
    let mut markers = report.targets().rows().iter().filter(|r| positive(r.total())).count();
    markers += report.simulations().iter().filter(|s| positive(s.losses().percentile("95").unwrap())).count();
    if let Some(d) = decision {
        series += 2;
        markers += d.rows().iter().filter(|r| positive(r.run_cost())).count();
        markers += d.rows().iter().filter(|r| positive(r.total_cost())).count();
    }
    assert_eq!(elements(&doc, "circle").len(), markers + series);
    // The solid series are one polyline through every target.
    let n = report.targets().rows().len();
    let full = elements(&doc, "polyline").into_iter().filter(|p| points(*p).len() == n).count();
    assert!(full >= series - 1, "{full} full-length lines for {series} series");
}

fn check_exceedance(report: &Report, path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    check_svg(path, &text);
    let doc = Document::parse(&text).unwrap();
    let labels = texts(&doc);
    let sims = report.simulations();
    for s in sims {
        let label = s.target().to_string();
        assert!(
            labels.iter().any(|(t, _, _)| *t == label || t.starts_with(&format!("{label} ("))),
            "no legend entry for {label}"
        );
    }
    for tick in ["100%", "10%", "1%", "0.1%", "0.01%"] {
        assert!(labels.iter().any(|(t, _, _)| t == tick), "no y tick {tick}");
    }
    // One curve per target with any loss: a long polyline going right (more
    // loss) as it goes down (rarer), with at most ~100 points.
    let curves: Vec<Vec<(f64, f64)>> =
        elements(&doc, "polyline").into_iter().map(points).filter(|p| p.len() > 4).collect();
    let with_loss = sims.iter().filter(|s| s.losses().max() > Decimal::ZERO).count();
    assert_eq!(curves.len(), with_loss);
    // The x axis: the long thin horizontal polyline; every curve stays above its span.
    let (left, right, bottom) = elements(&doc, "polyline")
        .into_iter()
        .map(points)
        .filter(|p| p.len() == 2 && (p[0].1 - p[1].1).abs() < 0.5 && (p[1].0 - p[0].0) > 300.0)
        .map(|p| (p[0].0, p[1].0, p[0].1))
        .next()
        .expect("an x axis");
    for curve in &curves {
        assert!(curve.len() <= 400);
        for (x, y) in curve {
            assert!(*x >= left - 1.0 && *x <= right + 1.0 && *y <= bottom + 1.0, "({x}, {y}) off the plot");
        }
        for w in curve.windows(2) {
            assert!(w[1].1 >= w[0].1, "the probability rises along a curve: {w:?}");
            assert!(w[1].0 >= w[0].0 - 0.5, "the loss falls as the probability falls: {w:?}");
        }
    }
    // Riskier (lower) targets lose more: the 1e-4 end of the first curve is right of the last's.
    let ends: Vec<f64> = curves.iter().map(|c| c[c.len() - 1].0).collect();
    assert!(ends[0] > ends[ends.len() - 1], "{ends:?}");
}

fn check_tornado(report: &Report, path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let (width, _) = check_svg(path, &text);
    let doc = Document::parse(&text).unwrap();
    let tornado = report.sensitivity().unwrap();
    let mut rows: Vec<_> = tornado.rows().iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.swing()));
    rows.truncate(render::TORNADO_ROWS);
    assert!(rows.len() >= 5, "too few inputs to test");
    // Input names as y labels, the largest swing at the top.
    let labels = texts(&doc);
    let mut last_y = f64::NEG_INFINITY;
    for r in &rows {
        let (_, _, y) = labels
            .iter()
            .filter(|(t, _, _)| t == r.input())
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or_else(|| panic!("no label {}", r.input()));
        assert!(*y > last_y, "{} is above a larger swing", r.input());
        last_y = *y;
    }
    // Inputs past the top 12 are not drawn.
    for r in tornado.rows().iter().filter(|r| !rows.iter().any(|s| s.input() == r.input())) {
        assert!(!labels.iter().any(|(t, _, _)| t == r.input()), "{} is drawn", r.input());
    }
    // The base line: a thick vertical polyline (the axis is thin); every bar starts or ends on it.
    let base_x = elements(&doc, "polyline")
        .into_iter()
        .filter(|p| p.attribute("stroke-width") == Some("2"))
        .map(points)
        .filter(|p| p.len() == 2 && (p[0].0 - p[1].0).abs() < 0.5 && (p[0].1 - p[1].1).abs() > 100.0)
        .map(|p| p[0].0)
        .next()
        .expect("a base line");
    let rects: Vec<(f64, f64, f64, f64)> = elements(&doc, "rect")
        .into_iter()
        .map(|r| (num(r, "x"), num(r, "y"), num(r, "width"), num(r, "height")))
        .filter(|r| r.2 < width)
        .collect();
    // Two legend blocks and two half-bars per input (low side, high side).
    assert_eq!(rects.len(), 2 + 2 * rows.len());
    let bars: Vec<_> = rects.iter().filter(|r| r.3 > 12.0).collect();
    assert_eq!(bars.len(), 2 * rows.len());
    for (x, _, w, _) in &bars {
        assert!(
            (x - base_x).abs() <= 1.0 || (x + w - base_x).abs() <= 1.0,
            "a bar off the base line: {x} {w}"
        );
    }
    // The widest bar belongs to the top row (its two halves sit at the smallest y).
    let top_y = bars.iter().map(|b| b.1).fold(f64::INFINITY, f64::min);
    let top_width: f64 = bars.iter().filter(|b| (b.1 - top_y).abs() < 0.5).map(|b| b.2).sum();
    for y in bars.iter().map(|b| b.1) {
        let w: f64 = bars.iter().filter(|b| (b.1 - y).abs() < 0.5).map(|b| b.2).sum();
        assert!(w <= top_width + 1.0, "a row wider than the top one");
    }
}

#[test]
fn charts_of_builtin_scenarios() {
    for name in ["saas", "retailer", "erp"] {
        let (analysis, report) = report(name);
        let dir = TempDir::new(name);
        let out = dir.0.join("charts");
        let paths = render::write_all(&report, analysis.simulations(), &out).unwrap();
        let expected: Vec<PathBuf> = render::FILES.iter().map(|f| out.join(f)).collect();
        assert_eq!(paths, expected);
        check_cost_by_target(&report, &paths[0]);
        check_exceedance(&report, &paths[1]);
        check_tornado(&report, &paths[2]);
    }
}

#[test]
fn missing_data_is_an_error_not_a_blank_chart() {
    let scenario = Scenario::builtin("erp").unwrap();
    let report = evaluate(&scenario).unwrap();
    let dir = TempDir::new("missing");
    let err = render::exceedance(&report, &[], &dir.0.join("e.svg")).unwrap_err();
    assert!(err.to_string().contains("simulate"), "{err}");
    let err = render::tornado(&report, &dir.0.join("t.svg")).unwrap_err();
    assert!(err.to_string().contains("sensitivity"), "{err}");
    // The cost chart needs neither: expected cost only.
    render::cost_by_target(&report, &dir.0.join("c.svg")).unwrap();
    let text = std::fs::read_to_string(dir.0.join("c.svg")).unwrap();
    check_svg(&dir.0.join("c.svg"), &text);
    assert!(!text.contains("P95"));
}

#[test]
fn compact_amounts() {
    assert_eq!(render::compact(1_250_000.0), "1.25M");
    assert_eq!(render::compact(40_000.0), "40k");
    assert_eq!(render::compact(999.0), "999");
    assert_eq!(render::compact(0.5), "0.5");
    assert_eq!(render::compact(0.0), "0");
    assert_eq!(render::compact(2e9), "2B");
    assert_eq!(render::compact(-1500.0), "-1.5k");
}

#[test]
fn exceedance_points_follow_the_library_curve() {
    let (analysis, _) = report("saas");
    for s in analysis.simulations() {
        let points = render::exceedance_points(s.losses()).unwrap();
        let floor = render::MIN_PROBABILITY.max(1.0 / 20_000.0);
        assert!(points.len() <= 4 * 24 + 1);
        for (loss, q) in &points {
            assert!(*loss > 0.0 && loss.is_finite(), "{loss}");
            assert!(*q >= floor * (1.0 - 1e-9) && *q <= 1.0, "{q}");
        }
        for w in points.windows(2) {
            assert!(w[1].1 < w[0].1 && w[1].0 >= w[0].0, "{w:?}");
        }
        // At each power of ten the curve passes through the library's 1-2-5 curve.
        for (loss, q) in s.losses().exceedance_curve(render::MIN_PROBABILITY) {
            let decade = (q.log10() - q.log10().round()).abs() < 1e-9;
            if !decade || loss <= Decimal::ZERO {
                continue;
            }
            let (mine, _) =
                points.iter().find(|(_, p)| (p / q - 1.0).abs() < 1e-9).expect("a point at each decade");
            let theirs: f64 = loss.try_into().unwrap();
            assert!((mine - theirs).abs() <= 0.01 + 1e-9 * theirs, "at {q}: {mine} vs {theirs}");
        }
    }
    // The riskiest target loses something in most years: a long curve.
    let first = render::exceedance_points(analysis.simulations()[0].losses()).unwrap();
    assert!(first.len() > 80, "{}", first.len());
}
