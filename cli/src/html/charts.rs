//! The board report's charts as inline SVG, written by hand: the expected
//! annual outage cost per target (bars on a log scale, the cheapest target
//! marked) and the loss exceedance curves of a simulation. Coordinates are
//! drawn from the report's figures; no figure is computed here.

use std::fmt::Write as _;

use downtime_cost::{Availability, Cell, Report, TableKind};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;

use super::format::{escape, short, target};

/// The drawing's size (the viewBox; the page scales it to its width).
const WIDTH: f64 = 760.0;
/// The drawing's height.
const HEIGHT: f64 = 380.0;
/// Space for the value axis labels.
const LEFT: f64 = 84.0;
/// Space right of the plot.
const RIGHT: f64 = 20.0;
/// Space for the legend.
const TOP: f64 = 48.0;
/// Space for the category labels.
const BOTTOM: f64 = 56.0;

/// Colours: outage cost bars, the cheapest target, total cost of ownership, grid and text.
const BAR: &str = "#4a6fa5";
const CHEAPEST: &str = "#1b7f3b";
const TCO: &str = "#c0392b";
const GRID: &str = "#d9dde4";
const INK: &str = "#1d2433";
/// One colour per target of the exceedance chart (repeated past eight).
const PALETTE: [&str; 8] =
    ["#4a6fa5", "#e07b39", "#8e44ad", "#c0392b", "#1b7f3b", "#7f8c8d", "#d4a017", "#2c3e50"];

/// A log scale mapping `[lo, hi]` (whole decades) onto `[from, to]` pixels.
#[derive(Debug, Clone, Copy)]
struct LogScale {
    lo: f64,
    hi: f64,
    from: f64,
    to: f64,
}

impl LogScale {
    /// The decades around every positive value in `values`, or `None` if there is none.
    fn around(values: impl Iterator<Item = f64>, from: f64, to: f64) -> Option<Self> {
        let (min, max) =
            values.filter(|v| v.is_finite() && *v > 0.0).fold(None, |acc: Option<(f64, f64)>, v| {
                Some(acc.map_or((v, v), |(a, b)| (a.min(v), b.max(v))))
            })?;
        let lo = 10f64.powf(min.log10().floor());
        let mut hi = 10f64.powf(max.log10().ceil());
        if hi <= lo {
            hi = lo * 10.0;
        }
        Some(LogScale { lo, hi, from, to })
    }

    /// The pixel of `v` (values below the scale are clamped to its start).
    fn at(self, v: f64) -> f64 {
        let t = (v.max(self.lo).log10() - self.lo.log10()) / (self.hi.log10() - self.lo.log10());
        self.from + t * (self.to - self.from)
    }

    /// The decades from `lo` to `hi`.
    fn decades(self) -> Vec<f64> {
        let mut out = Vec::new();
        let mut v = self.lo;
        while v <= self.hi * 1.000_001 {
            out.push(v);
            v *= 10.0;
        }
        out
    }
}

/// Opens an `<svg>` with its accessible title.
fn open(out: &mut String, title: &str, class: &str) {
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
         font-family=\"sans-serif\" font-size=\"12\" fill=\"{INK}\"><title>{}</title>",
        escape(title)
    );
}

/// A money amount as an f64 for drawing.
fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The expected annual outage cost per target as bars on a log scale, the
/// total cost of ownership as a line when the scenario gives run costs, and
/// the cheapest targets marked and labelled.
pub(crate) fn cost_chart(report: &Report, cheapest: &[Availability]) -> String {
    let currency = report.targets().currency().to_string();
    let decision = report.decision();
    let bars: Vec<(Availability, f64, Option<f64>)> = report
        .targets()
        .rows()
        .iter()
        .map(|r| {
            let tco = decision
                .and_then(|d| d.rows().iter().find(|x| x.target() == r.target()))
                .map(|x| f(x.total_cost()));
            (r.target(), f(r.total()), tco)
        })
        .collect();
    let mut out = String::new();
    open(&mut out, "Expected annual outage cost by uptime target", "chart cost-chart");
    let values = bars.iter().flat_map(|&(_, cost, tco)| std::iter::once(cost).chain(tco));
    let Some(y) = LogScale::around(values, HEIGHT - BOTTOM, TOP + 24.0) else {
        out.push_str("<text x=\"20\" y=\"40\">No positive cost to draw.</text></svg>");
        return out;
    };
    grid_y(&mut out, y, &short);
    let _ = writeln!(
        out,
        "<text transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">{} a year (log scale)</text>",
        (TOP + HEIGHT - BOTTOM) / 2.0,
        escape(&currency)
    );

    cost_legend(&mut out, decision.is_some());

    let n = bars.len().max(1);
    #[allow(clippy::cast_precision_loss)] // a handful of targets
    let slot = (WIDTH - LEFT - RIGHT) / n as f64;
    let x_of = |i: usize| {
        #[allow(clippy::cast_precision_loss)]
        let i = i as f64;
        LEFT + slot * (i + 0.5)
    };
    let width = slot * 0.56;
    let base = HEIGHT - BOTTOM;
    for (i, &(a, cost, _)) in bars.iter().enumerate() {
        let x = x_of(i);
        let is_cheapest = cheapest.contains(&a);
        let fill = if is_cheapest { CHEAPEST } else { BAR };
        if cost > 0.0 {
            let top = y.at(cost);
            // The value inside the bar's top when it fits, else above it.
            let (label_y, ink) = if base - top > 24.0 { (top + 16.0, "#fff") } else { (top - 5.0, INK) };
            let _ = writeln!(
                out,
                "<rect class=\"bar\" x=\"{:.1}\" y=\"{top:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{fill}\"/>\n\
                 <text x=\"{x:.1}\" y=\"{label_y:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{ink}\">{}</text>",
                x - width / 2.0,
                base - top,
                short(cost)
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"13\"{}>{}</text>",
            base + 20.0,
            if is_cheapest { " font-weight=\"bold\"" } else { "" },
            target(a)
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\">Uptime target</text>",
        (LEFT + WIDTH - RIGHT) / 2.0,
        HEIGHT - 10.0
    );

    // Total cost of ownership: a line through the targets.
    let points: Vec<String> = bars
        .iter()
        .enumerate()
        .filter_map(|(i, &(_, _, tco))| {
            tco.filter(|v| *v > 0.0).map(|v| format!("{:.1},{:.1}", x_of(i), y.at(v)))
        })
        .collect();
    if !points.is_empty() {
        let _ = writeln!(
            out,
            "<polyline class=\"tco\" points=\"{}\" fill=\"none\" stroke=\"{TCO}\" stroke-width=\"2.5\"/>",
            points.join(" ")
        );
        for p in &points {
            if let Some((cx, cy)) = p.split_once(',') {
                let _ = writeln!(out, "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"4\" fill=\"{TCO}\"/>");
            }
        }
    }

    cheapest_markers(&mut out, &bars, cheapest, y, &x_of);
    out.push_str("</svg>");
    out
}

/// The cost chart's legend: bars, the cheapest target and, `with_tco`, the total cost line.
fn cost_legend(out: &mut String, with_tco: bool) {
    let _ = writeln!(
        out,
        "<rect x=\"{LEFT}\" y=\"12\" width=\"12\" height=\"12\" fill=\"{BAR}\"/><text x=\"{}\" y=\"22\">Expected outage cost</text>\n\
         <rect x=\"{}\" y=\"12\" width=\"12\" height=\"12\" fill=\"{CHEAPEST}\"/><text x=\"{}\" y=\"22\">Cheapest target</text>",
        LEFT + 18.0,
        LEFT + 170.0,
        LEFT + 188.0
    );
    if with_tco {
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"18\" x2=\"{}\" y2=\"18\" stroke=\"{TCO}\" stroke-width=\"2.5\"/><circle cx=\"{}\" cy=\"18\" r=\"4\" fill=\"{TCO}\"/>\
             <text x=\"{}\" y=\"22\">Total cost of ownership (run cost + outages)</text>",
            LEFT + 310.0,
            LEFT + 334.0,
            LEFT + 322.0,
            LEFT + 342.0
        );
    }
}

/// A marker and a label above the highest point of each cheapest target's column.
fn cheapest_markers(
    out: &mut String,
    bars: &[(Availability, f64, Option<f64>)],
    cheapest: &[Availability],
    y: LogScale,
    x_of: &dyn Fn(usize) -> f64,
) {
    let base = HEIGHT - BOTTOM;
    for (i, &(a, cost, tco)) in bars.iter().enumerate() {
        if !cheapest.contains(&a) {
            continue;
        }
        let x = x_of(i);
        let high = cost.max(tco.unwrap_or(0.0));
        let tip = if high > 0.0 { y.at(high) - 20.0 } else { base - 20.0 };
        let _ = writeln!(
            out,
            "<g class=\"cheapest-marker\" fill=\"{CHEAPEST}\"><path d=\"M{:.1} {:.1} l-6 -9 h12 z\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"13\">Cheapest</text></g>",
            x,
            tip,
            tip - 12.0
        );
    }
}

/// Horizontal grid lines and labels at each decade of `y`.
fn grid_y(out: &mut String, y: LogScale, label: &dyn Fn(f64) -> String) {
    for v in y.decades() {
        let py = y.at(v);
        let _ = writeln!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{py:.1}\" x2=\"{:.1}\" y2=\"{py:.1}\" stroke=\"{GRID}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 8.0,
            py + 4.0,
            label(v)
        );
    }
}

/// "1 in 20" (years) for a probability of 0.05; "every year" for 1.
fn odds(p: f64) -> String {
    if p >= 0.999 {
        return "every year".to_owned();
    }
    let years = (1.0 / p).round();
    format!("1 in {}", super::format::amount(Decimal::from_f64_retain(years).unwrap_or_default()))
}

/// The exceedance table's points per target, in the report's order: `(loss, probability)`.
fn exceedance_series(report: &Report) -> Vec<(Decimal, Vec<(f64, f64)>)> {
    let table = report.table(TableKind::Exceedance);
    let mut series: Vec<(Decimal, Vec<(f64, f64)>)> = Vec::new();
    for row in table.rows() {
        let (Some(Cell::Number(t)), Some(p), Some(Cell::Number(loss))) =
            (row.first(), row.get(1), row.get(2))
        else {
            continue;
        };
        let p = match p {
            Cell::Float(p) => *p,
            Cell::Number(p) => p.to_f64().unwrap_or(0.0),
            _ => continue,
        };
        let point = (f(*loss), p);
        match series.iter_mut().find(|(s, _)| s == t) {
            Some((_, points)) => points.push(point),
            None => series.push((*t, vec![point])),
        }
    }
    series
}

/// The loss exceedance curve of each simulated target (`TableKind::Exceedance`),
/// on log scales: the chance that a year's loss is higher than each amount.
/// `None` without a simulation.
pub(crate) fn exceedance_chart(report: &Report, cheapest: &[Availability]) -> Option<String> {
    let series = exceedance_series(report);
    let x = LogScale::around(series.iter().flat_map(|(_, p)| p.iter().map(|q| q.0)), LEFT, WIDTH - RIGHT)?;
    let y = LogScale::around(series.iter().flat_map(|(_, p)| p.iter().map(|q| q.1)), HEIGHT - BOTTOM, TOP)?;
    // Down to 1 in 100 at least, so the 1-in-20 line is always inside the chart.
    let y = LogScale { hi: 1.0, lo: y.lo.min(0.01), ..y };
    let currency = report.targets().currency().to_string();
    let mut out = String::new();
    open(
        &mut out,
        "Loss exceedance: the chance that a year's outage losses exceed an amount",
        "chart exceedance-chart",
    );
    grid_y(&mut out, y, &odds);
    for v in x.decades() {
        let px = x.at(v);
        let _ = writeln!(
            out,
            "<line x1=\"{px:.1}\" y1=\"{TOP}\" x2=\"{px:.1}\" y2=\"{:.1}\" stroke=\"{GRID}\"/>\
             <text x=\"{px:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            HEIGHT - BOTTOM,
            HEIGHT - BOTTOM + 18.0,
            short(v)
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">Annual outage loss, {} (log scale)</text>\n\
         <text x=\"{LEFT}\" y=\"22\" font-size=\"12\">Chance that a year\u{2019}s losses exceed the amount below: 1 year in N (log scale)</text>",
        (LEFT + WIDTH - RIGHT) / 2.0,
        HEIGHT - 12.0,
        escape(&currency)
    );
    // One year in 20: the P95 the summary quotes.
    let p95 = y.at(0.05);
    let _ = writeln!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{p95:.1}\" x2=\"{:.1}\" y2=\"{p95:.1}\" stroke=\"{INK}\" stroke-dasharray=\"5 4\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">1 year in 20 (P95)</text>",
        WIDTH - RIGHT,
        LEFT + 6.0,
        p95 - 5.0
    );
    let mut legend = String::new();
    let mut legend_y = TOP + 16.0;
    for (i, (t, points)) in series.iter().enumerate() {
        let colour = PALETTE.get(i % PALETTE.len()).copied().unwrap_or(INK);
        let label = Availability::from_percent(*t).map_or_else(|_| format!("{t} %"), target);
        let is_cheapest = cheapest.iter().any(|a| a.percent() == t.normalize());
        let width = if is_cheapest { 4.0 } else { 2.0 };
        let line: Vec<String> = points
            .iter()
            .filter(|(loss, p)| *loss > 0.0 && *p > 0.0)
            .map(|&(loss, p)| format!("{:.1},{:.1}", x.at(loss), y.at(p)))
            .collect();
        if line.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" stroke-linejoin=\"round\"/>",
            line.join(" ")
        );
        let _ = writeln!(
            legend,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"{width}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\"{}>{label}{}</text>",
            WIDTH - RIGHT - 150.0,
            legend_y - 4.0,
            WIDTH - RIGHT - 126.0,
            legend_y - 4.0,
            WIDTH - RIGHT - 120.0,
            legend_y,
            if is_cheapest { " font-weight=\"bold\"" } else { "" },
            if is_cheapest { " (cheapest)" } else { "" }
        );
        legend_y += 17.0;
    }
    // The legend on a white card, over the grid and the dashed line.
    let _ = write!(
        out,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"150\" height=\"{:.1}\" fill=\"#fff\" stroke=\"{GRID}\"/>\n{legend}",
        WIDTH - RIGHT - 158.0,
        TOP + 4.0,
        legend_y - TOP - 8.0
    );
    out.push_str("</svg>");
    Some(out)
}

/// The support options side by side: for each, a bar of its running cost
/// with its expected outage cost stacked on top, on a linear scale from 0;
/// a tick at the total cost of ownership (after credits received); the
/// cheapest option's name in green. `None` without support options.
pub(crate) fn support_chart(report: &Report) -> Option<String> {
    let c = report.support()?;
    let rows = c.rows();
    let currency = c.currency().to_string();
    let top = rows.iter().map(|r| f(r.running_cost()) + f(r.expected_outage_cost())).fold(0.0_f64, f64::max);
    if rows.is_empty() || top <= 0.0 {
        return None;
    }
    let cheapest = c.cheapest().map(|r| r.name().to_owned());
    let (plot_top, plot_bottom) = (TOP, HEIGHT - BOTTOM);
    let y = |v: f64| plot_bottom - v / top * (plot_bottom - plot_top);
    let mut out = String::new();
    open(
        &mut out,
        &format!("Running cost and expected outage cost a year per support option ({currency})"),
        "chart support",
    );
    // Legend.
    let _ = writeln!(
        out,
        "<rect x=\"{LEFT}\" y=\"12\" width=\"12\" height=\"12\" fill=\"{GRID}\" stroke=\"{INK}\"/>\
         <text x=\"{}\" y=\"22\">running cost</text>\
         <rect x=\"{}\" y=\"12\" width=\"12\" height=\"12\" fill=\"{BAR}\"/>\
         <text x=\"{}\" y=\"22\">expected outage cost</text>\
         <line x1=\"{}\" y1=\"18\" x2=\"{}\" y2=\"18\" stroke=\"{TCO}\" stroke-width=\"3\"/>\
         <text x=\"{}\" y=\"22\">total after credits</text>",
        LEFT + 18.0,
        LEFT + 130.0,
        LEFT + 148.0,
        LEFT + 310.0,
        LEFT + 334.0,
        LEFT + 340.0,
    );
    // Grid: five steps from 0.
    for k in 0..=5 {
        let v = top * f64::from(k) / 5.0;
        let _ = writeln!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\" stroke=\"{GRID}\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            y(v) + 4.0,
            short(v),
            y = y(v),
        );
    }
    #[expect(clippy::cast_precision_loss, reason = "at most 100 options")]
    let slot = (WIDTH - LEFT - RIGHT) / rows.len() as f64;
    let width = (slot * 0.5).min(90.0);
    #[expect(clippy::cast_precision_loss, reason = "at most 100 options")]
    for (i, r) in rows.iter().enumerate() {
        let x = LEFT + slot * (i as f64 + 0.5) - width / 2.0;
        let run = f(r.running_cost());
        let outage = f(r.expected_outage_cost());
        let total = f(r.total_cost());
        let _ = writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{GRID}\" stroke=\"{INK}\">\
             <title>{}: running cost {}</title></rect>",
            y(run),
            plot_bottom - y(run),
            escape(r.name()),
            short(run),
        );
        let _ = writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{BAR}\">\
             <title>{}: expected outage cost {}</title></rect>",
            y(run + outage),
            y(run) - y(run + outage),
            escape(r.name()),
            short(outage),
        );
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{TCO}\" stroke-width=\"3\">\
             <title>{}: total {}</title></line>",
            x - 6.0,
            y(total),
            x + width + 6.0,
            y(total),
            escape(r.name()),
            short(total),
        );
        let best = cheapest.as_deref() == Some(r.name());
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{}\"{}>{}</text>",
            x + width / 2.0,
            plot_bottom + 18.0,
            if best { CHEAPEST } else { INK },
            if best { " font-weight=\"bold\"" } else { "" },
            escape(r.name()),
        );
    }
    out.push_str("</svg>");
    Some(out)
}
