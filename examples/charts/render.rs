//! Draws a [`Report`] as three SVG charts: the annual cost per target, the
//! loss exceedance curves and the tornado chart.
//!
//! Shared by `examples/charts/main.rs` and `tests/charts.rs` (which includes
//! this file with `#[path]`), so it needs nothing from the example's `main`.
//!
//! Text is written as SVG `<text>` elements in the generic `sans-serif`
//! family, rendered by whatever displays the SVG; plotters is built without a
//! font feature and sizes labels with its own estimate (0.7 em a character),
//! so no font is loaded here and the output is the same on every machine.

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use downtime_cost::{Report, SimulatedTarget};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;
use std::ops::Range;

/// What the drawing functions return.
pub(crate) type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The file names [`write_all`] writes, in order.
pub(crate) const FILES: [&str; 3] = ["cost_by_target.svg", "exceedance.svg", "tornado.svg"];

/// The most rows the tornado chart shows.
pub(crate) const TORNADO_ROWS: usize = 12;

/// The rarest exceedance probability the exceedance chart shows.
pub(crate) const MIN_PROBABILITY: f64 = 1e-4;

/// Points per decade of probability on each exceedance curve (at most
/// `4 × 24 + 1` points a series keeps each SVG small).
const POINTS_PER_DECADE: u32 = 24;

const SIZE: (u32, u32) = (960, 600);
const FONT: &str = "sans-serif";

/// The Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 0, 0),
];

fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Writes the three charts of `report` into `dir` (created if missing) and
/// returns their paths. The report must have been simulated and analysed
/// for sensitivity; `sims` are the analysis's full simulated distributions
/// (the report keeps only their summaries), for the exceedance curves.
///
/// # Errors
///
/// When `report` lacks simulations or sensitivity, an amount is not finite,
/// or a file cannot be written.
pub(crate) fn write_all(report: &Report, sims: &[SimulatedTarget], dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let paths: Vec<PathBuf> = FILES.iter().map(|f| dir.join(f)).collect();
    cost_by_target(report, &paths[0])?;
    exceedance(report, sims, &paths[1])?;
    tornado(report, &paths[2])?;
    Ok(paths)
}

/// A Decimal amount as a finite `f64`.
fn float(x: Decimal, what: &str) -> Result<f64> {
    match x.to_f64() {
        Some(v) if v.is_finite() => Ok(v),
        _ => Err(format!("{what}: {x} is not a finite number").into()),
    }
}

/// `v` in at most three significant digits with a k/M/B/T suffix (`1.25M`,
/// `40k`, `0.5`): axis labels that stay short across orders of magnitude.
pub(crate) fn compact(v: f64) -> String {
    let a = v.abs();
    let (scaled, suffix) = match a {
        _ if a >= 1e12 => (v / 1e12, "T"),
        _ if a >= 1e9 => (v / 1e9, "B"),
        _ if a >= 1e6 => (v / 1e6, "M"),
        _ if a >= 1e3 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    let digits = if scaled.abs() >= 100.0 {
        0
    } else if scaled.abs() >= 10.0 {
        1
    } else {
        2
    };
    let s = format!("{scaled:.digits$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { &s };
    if s == "-0" { "0".to_owned() } else { format!("{s}{suffix}") }
}

/// A probability as a percent label (`10%`, `0.01%`).
fn percent_label(p: f64) -> String {
    let pct = p * 100.0;
    let s = format!("{pct:.4}");
    format!("{}%", s.trim_end_matches('0').trim_end_matches('.'))
}

/// A logarithmic axis: from the power of ten at or below the smallest
/// positive value to the first 1–2–5 step above the largest, with ticks at
/// the powers of ten, or at every 1–2–5 step when it spans three decades or
/// fewer.
struct LogAxis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl LogAxis {
    fn covering(values: impl IntoIterator<Item = f64>) -> Result<Self> {
        let (min, max) = values
            .into_iter()
            .filter(|v| *v > 0.0)
            .fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        if !min.is_finite() {
            return Err("nothing positive to draw on a log axis".into());
        }
        // Amounts are far inside 1e±300, so the exponents fit an i32.
        #[allow(clippy::cast_possible_truncation)]
        let (first, last) = (min.log10().floor() as i32, max.log10().floor() as i32 + 1);
        let steps: Vec<f64> =
            (first..=last).flat_map(|e| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(e))).collect();
        let lo = steps[0];
        let hi = steps.iter().copied().find(|s| *s >= max * 1.05).unwrap_or(steps[steps.len() - 1]);
        let step = if last - first > 3 { 3 } else { 1 };
        let ticks = steps.iter().copied().step_by(step).filter(|t| *t <= hi).collect();
        Ok(LogAxis { lo, hi, ticks })
    }
}

/// A categorical axis: category `i` sits at `i`, for `i` in `0..n`, with a
/// tick (and no grid line) at each. plotters' own `f64` axis picks "nice"
/// ticks, and its `with_key_points` loses the label formatter on `f64`.
struct Categories(usize);

impl Categories {
    fn end(&self) -> f64 {
        f64::from(u32::try_from(self.0).unwrap_or(u32::MAX)) - 0.5
    }
}

impl Ranged for Categories {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let share = (v + 0.5) / (self.end() + 0.5);
        // A pixel position: far inside i32.
        #[allow(clippy::cast_possible_truncation)]
        let px = (f64::from(limit.0) + share * f64::from(limit.1 - limit.0)).round() as i32;
        px
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            return Vec::new();
        }
        (0u32..).take(self.0).map(f64::from).collect()
    }

    fn range(&self) -> Range<f64> {
        -0.5..self.end()
    }
}

/// Labels of a categorical axis whose categories sit at 0, 1, 2, …
fn category(labels: &[String], v: f64) -> String {
    let i = v.round();
    if (v - i).abs() > 1e-9 || i < 0.0 {
        return String::new();
    }
    // `i` is a small non-negative whole number here.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    labels.get(i as usize).cloned().unwrap_or_default()
}

/// What a legend entry's swatch looks like.
#[derive(Clone, Copy)]
enum Swatch {
    /// A line with a round marker in its middle, solid or dashed.
    Line { colour: RGBColor, dashed: bool, marker: bool },
    /// A filled block, as a bar.
    Block(RGBColor),
    /// A short vertical rule.
    Rule(RGBColor),
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Draws the title, the subtitle and the legend (entries in rows, left to
/// right) across the top of `root` and returns the area below for the chart.
/// The legend sits outside the plot so it can never hide a line or a bar.
fn header<'a>(root: &Area<'a>, title: &str, subtitle: &str, legend: &[(String, Swatch)]) -> Result<Area<'a>> {
    let width = i32::try_from(root.dim_in_pixel().0)?;
    root.draw(&Text::new(title.to_owned(), (16, 12), (FONT, 22).into_font()))?;
    // The subtitle, wrapped at word boundaries (about 6.5 px a character).
    let grey = BLACK.mix(0.7);
    let per_line = usize::try_from((width - 32) * 2 / 13)?;
    let mut lines: Vec<String> = vec![String::new()];
    for word in subtitle.split(' ') {
        let line = lines.last_mut().unwrap_or_else(|| unreachable!());
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > per_line {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    let mut y = 40;
    for line in lines {
        root.draw(&Text::new(line, (16, y), TextStyle::from((FONT, 15).into_font()).color(&grey)))?;
        y += 19;
    }
    let mut x = 16;
    y += 13;
    for (label, swatch) in legend {
        // About 6.5 px a character at this size, and 28 px for the swatch.
        let w = 28 + i32::try_from(label.chars().count())?.saturating_mul(13) / 2 + 28;
        if x > 16 && x + w > width - 16 {
            (x, y) = (16, y + 22);
        }
        match *swatch {
            Swatch::Line { colour, dashed, marker } => {
                let style = colour.stroke_width(2);
                if dashed {
                    root.draw(&PathElement::new(vec![(x, y), (x + 7, y)], style))?;
                    root.draw(&PathElement::new(vec![(x + 13, y), (x + 20, y)], style))?;
                } else {
                    root.draw(&PathElement::new(vec![(x, y), (x + 20, y)], style))?;
                }
                if marker {
                    root.draw(&Circle::new((x + 10, y), 4, colour.filled()))?;
                }
            }
            Swatch::Block(colour) => {
                root.draw(&Rectangle::new([(x, y - 6), (x + 20, y + 6)], colour.filled()))?;
            }
            Swatch::Rule(colour) => {
                root.draw(&PathElement::new(vec![(x + 10, y - 8), (x + 10, y + 8)], colour.stroke_width(2)))?;
            }
        }
        let style = TextStyle::from((FONT, 15).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(label.clone(), (x + 28, y), style))?;
        x += w;
    }
    let (_, body) = root.split_vertically(u32::try_from(y + 18)?);
    Ok(body)
}

/// One line of the cost chart.
struct CostSeries {
    label: String,
    /// `(category index, amount)`; amounts ≤ 0 cannot sit on the log axis and are skipped.
    points: Vec<(f64, f64)>,
    dashed: bool,
}

/// Chart 1: per target, the expected and the simulated P95 annual outage
/// cost, and, when the scenario has run costs, the yearly run cost and the
/// total cost of ownership (run + expected).
///
/// # Errors
///
/// When an amount is not finite or the file cannot be written.
pub(crate) fn cost_by_target(report: &Report, path: &Path) -> Result<()> {
    let currency = report.targets().currency().to_string();
    let rows = report.targets().rows();
    let labels: Vec<String> = rows.iter().map(|r| r.target().to_string()).collect();
    let index = |t: downtime_cost::Availability| -> Result<f64> {
        let i = rows.iter().position(|r| r.target() == t).ok_or("a target missing from the study")?;
        Ok(f64::from(u32::try_from(i)?))
    };
    let mut series = Vec::new();
    let mut expected = Vec::new();
    for r in rows {
        expected.push((index(r.target())?, float(r.total(), "expected outage cost")?));
    }
    series.push(CostSeries { label: "Expected outage cost".to_owned(), points: expected, dashed: false });
    if !report.simulations().is_empty() {
        let mut p95 = Vec::new();
        for s in report.simulations() {
            let p95_loss = s.losses().percentile("95").ok_or("the simulation summary has no P95")?;
            p95.push((index(s.target())?, float(p95_loss, "P95 outage cost")?));
        }
        series.push(CostSeries {
            label: "P95 outage cost (simulated)".to_owned(),
            points: p95,
            dashed: true,
        });
    }
    if let Some(decision) = report.decision() {
        let (mut run, mut tco) = (Vec::new(), Vec::new());
        for d in decision.rows() {
            run.push((index(d.target())?, float(d.run_cost(), "run cost")?));
            tco.push((index(d.target())?, float(d.total_cost(), "total cost")?));
        }
        series.push(CostSeries { label: "Run cost".to_owned(), points: run, dashed: false });
        series.push(CostSeries {
            label: "Total cost of ownership (run + expected)".to_owned(),
            points: tco,
            dashed: false,
        });
    }
    for s in &mut series {
        let dropped: Vec<String> =
            s.points.iter().filter(|(_, v)| *v <= 0.0).map(|(i, _)| category(&labels, *i)).collect();
        if !dropped.is_empty() {
            s.label = format!("{} (0 at {}: off the log axis)", s.label, dropped.join(", "));
        }
        s.points.retain(|(_, v)| *v > 0.0);
    }

    // A log y axis: outage costs fall roughly tenfold per nine while run
    // costs rise, so the amounts span several orders of magnitude; on a
    // linear axis every target past the second would sit on the floor.
    let y = LogAxis::covering(series.iter().flat_map(|s| s.points.iter().map(|p| p.1)))?;
    let legend: Vec<(String, Swatch)> = series
        .iter()
        .enumerate()
        .map(|(k, s)| (s.label.clone(), Swatch::Line { colour: colour(k), dashed: s.dashed, marker: true }))
        .collect();
    let mut subtitle = format!("{}: expected annual outage cost per target", report.scenario());
    if let Some(s) = report.simulations().first() {
        let _ = write!(subtitle, ", P95 from {} simulated years", thousands(s.losses().trials()));
    }
    if report.decision().is_some() {
        subtitle += ", run cost and total cost of ownership";
    }

    let root = SVGBackend::new(path, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let body = header(&root, "Annual cost per availability target", &subtitle, &legend)?;
    let mut chart = ChartBuilder::on(&body)
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(80)
        .build_cartesian_2d(Categories(labels.len()), (y.lo..y.hi).log_scale().with_key_points(y.ticks))?;
    let x_fmt = |v: &f64| category(&labels, *v);
    let y_fmt = |v: &f64| compact(*v);
    chart
        .configure_mesh()
        .x_desc("Availability target")
        .y_desc(format!("{currency} per year (log scale)"))
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .light_line_style(TRANSPARENT)
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 16))
        .draw()?;
    for (k, s) in series.iter().enumerate() {
        let c = colour(k);
        let style = c.stroke_width(2);
        if s.dashed {
            chart.draw_series(DashedLineSeries::new(s.points.iter().copied(), 8, 5, style))?;
        } else {
            chart.draw_series(LineSeries::new(s.points.iter().copied(), style))?;
        }
        chart.draw_series(s.points.iter().map(|p| Circle::new(*p, 4, c.filled())))?;
    }
    root.present()?;
    Ok(())
}

/// `n` with thin-space thousands separators (`100 000`), as the library's reports print counts.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(ch);
    }
    out
}

/// One target's exceedance curve, `(loss, probability)` with loss > 0 and
/// probability from `P(loss > 0)` down to `max(1e-4, 1/trials)`, on a grid of
/// [`POINTS_PER_DECADE`] probabilities a decade.
///
/// # Errors
///
/// When a quantile fails.
pub(crate) fn exceedance_points(losses: &downtime_cost::LossDistribution) -> Result<Vec<(f64, f64)>> {
    let trials = u32::try_from(losses.trials()).map_or(f64::from(u32::MAX), f64::from);
    let floor = MIN_PROBABILITY.max(1.0 / trials);
    let mut out = Vec::new();
    for k in 0..=4 * POINTS_PER_DECADE {
        let q = 10f64.powf(-f64::from(k) / f64::from(POINTS_PER_DECADE));
        if q < floor * (1.0 - 1e-12) {
            break;
        }
        let loss = losses.quantile_f64(1.0 - q)?;
        if !loss.is_finite() {
            return Err(format!("loss at exceedance probability {q} is not finite").into());
        }
        if loss > 0.0 {
            out.push((loss, q));
        }
    }
    Ok(out)
}

/// Chart 2: the loss exceedance curve of each simulated target, both axes
/// logarithmic (losses of different targets differ by orders of magnitude,
/// and the interesting tail is at probabilities of 1 % and below).
///
/// # Errors
///
/// When the report was not simulated, a quantile fails or the file cannot
/// be written.
pub(crate) fn exceedance(report: &Report, sims: &[SimulatedTarget], path: &Path) -> Result<()> {
    if sims.is_empty() {
        return Err("the report has no simulations: call Analysis::simulate first".into());
    }
    let currency = report.targets().currency().to_string();
    let mut curves = Vec::new();
    for s in sims {
        curves.push((s.target().to_string(), exceedance_points(s.losses())?));
    }
    let x = LogAxis::covering(curves.iter().flat_map(|(_, c)| c.iter().map(|p| p.0)))?;
    let y_ticks: Vec<f64> =
        [1e-4, 1e-3, 1e-2, 1e-1, 1.0].into_iter().filter(|t| *t >= MIN_PROBABILITY).collect();
    let legend: Vec<(String, Swatch)> = curves
        .iter()
        .enumerate()
        .map(|(k, (label, curve))| {
            let label =
                if curve.is_empty() { format!("{label} (no loss in any year)") } else { label.clone() };
            (label, Swatch::Line { colour: colour(k), dashed: false, marker: false })
        })
        .collect();
    let subtitle = format!(
        "{}: {} simulated years per target; a curve starts at the chance of any loss",
        report.scenario(),
        thousands(sims[0].losses().trials())
    );

    let root = SVGBackend::new(path, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let body = header(&root, "Loss exceedance per availability target", &subtitle, &legend)?;
    let mut chart =
        ChartBuilder::on(&body).margin(16).x_label_area_size(50).y_label_area_size(80).build_cartesian_2d(
            (x.lo..x.hi).log_scale().with_key_points(x.ticks),
            (MIN_PROBABILITY..1.0).log_scale().with_key_points(y_ticks),
        )?;
    let x_fmt = |v: &f64| compact(*v);
    let y_fmt = |v: &f64| percent_label(*v);
    chart
        .configure_mesh()
        .x_desc(format!("Annual outage loss ({currency}, log scale)"))
        .y_desc("Probability a year's loss exceeds it")
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .light_line_style(TRANSPARENT)
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 16))
        .draw()?;
    for (k, (_, curve)) in curves.iter().enumerate() {
        chart.draw_series(LineSeries::new(curve.iter().copied(), colour(k).stroke_width(2)))?;
    }
    root.present()?;
    Ok(())
}

/// Chart 3: the tornado chart, one bar per input (the [`TORNADO_ROWS`]
/// largest swings, largest at the top) from the cost at the input's low value
/// to the cost at its high value, around a line at the base cost. A linear
/// axis: every bar sits near the base cost, within a factor of a few.
///
/// # Errors
///
/// When the report has no sensitivity analysis, an amount is not finite or
/// the file cannot be written.
pub(crate) fn tornado(report: &Report, path: &Path) -> Result<()> {
    let t = report
        .sensitivity()
        .ok_or("the report has no sensitivity: call Analysis::analyse_sensitivity first")?;
    let currency = report.targets().currency().to_string();
    let base = float(t.base_cost(), "base cost")?;
    let mut rows: Vec<_> = t.rows().iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.swing()));
    rows.truncate(TORNADO_ROWS);
    if rows.is_empty() {
        return Err("the tornado table has no rows".into());
    }
    // Row k (largest swing first) is drawn at y = n − 1 − k, so the largest is at the top.
    let n = rows.len();
    let mut bars = Vec::with_capacity(n);
    for r in &rows {
        bars.push((float(r.cost_at_low(), "cost at low")?, float(r.cost_at_high(), "cost at high")?));
    }
    let labels: Vec<String> = rows.iter().rev().map(|r| r.input().to_owned()).collect();
    let (mut lo, mut hi) =
        bars.iter().fold((base, base), |(lo, hi), (a, b)| (lo.min(*a).min(*b), hi.max(*a).max(*b)));
    // Room for the input values written at the bar ends.
    let pad = ((hi - lo) * 0.15).max(base.abs() * 0.05).max(1.0);
    lo -= pad;
    hi += pad;
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    // plotters lays labels out at 0.7 em a character: ~6.4 px at this size.
    let label_area = u32::try_from(longest)?.saturating_mul(7).saturating_add(16).clamp(80, 480);
    let (low_c, high_c) = (colour(0), colour(1));
    let legend = [
        ("input at its low value".to_owned(), Swatch::Block(low_c)),
        ("input at its high value".to_owned(), Swatch::Block(high_c)),
        (format!("base: {} {currency}", compact(base)), Swatch::Rule(BLACK)),
    ];
    let shown = if t.rows().len() > n {
        format!("the {n} largest of {} swings", t.rows().len())
    } else {
        "every swing".to_owned()
    };
    let subtitle = format!(
        "{}: expected annual cost at {}, one input at a time at its low and its high value; {shown}",
        report.scenario(),
        t.target()
    );

    let width = SIZE.0 + label_area.saturating_sub(240);
    let root = SVGBackend::new(path, (width, SIZE.1)).into_drawing_area();
    root.fill(&WHITE)?;
    let body = header(&root, "Tornado: what moves the expected cost", &subtitle, &legend)?;
    let mut chart = ChartBuilder::on(&body)
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(label_area)
        .build_cartesian_2d(lo..hi, Categories(n))?;
    let x_fmt = |v: &f64| compact(*v);
    let y_fmt = |v: &f64| category(&labels, *v);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(format!("Expected annual cost ({currency})"))
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .light_line_style(TRANSPARENT)
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .draw()?;
    let nf = f64::from(u32::try_from(n)?);
    let y = |k: usize| nf - 1.0 - f64::from(u32::try_from(k).unwrap_or(u32::MAX));
    let half = 0.32;
    for (k, (a, b)) in bars.iter().enumerate() {
        for (cost, c) in [(*a, low_c), (*b, high_c)] {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(base.min(cost), y(k) - half), (base.max(cost), y(k) + half)],
                c.filled(),
            )))?;
        }
    }
    chart.draw_series(LineSeries::new([(base, -0.5), (base, nf - 0.5)], BLACK.stroke_width(2)))?;
    // The input values at the ends of each bar: the cheaper side's value at
    // the left end, the other at the right end, so they never overlap.
    let grey = BLACK.mix(0.75);
    let value_style = TextStyle::from((FONT, 13).into_font()).color(&grey);
    for (k, (r, (a, b))) in rows.iter().zip(&bars).enumerate() {
        let (left, right) =
            if a <= b { (r.low_value(), r.high_value()) } else { (r.high_value(), r.low_value()) };
        let (x0, x1) = (base.min(*a).min(*b), base.max(*a).max(*b));
        let (l, _) = chart.backend_coord(&(x0, y(k)));
        let (rx, py) = chart.backend_coord(&(x1, y(k)));
        let at = |h| value_style.pos(Pos::new(h, VPos::Center));
        root.draw(&Text::new(left.to_owned(), (l - 5, py), at(HPos::Right)))?;
        root.draw(&Text::new(right.to_owned(), (rx + 5, py), at(HPos::Left)))?;
    }
    root.present()?;
    Ok(())
}
