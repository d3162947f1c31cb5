//! Rendering a [`Report`]: text tables (`Display`), Markdown and CSV.

use rust_decimal::Decimal;
use std::fmt::{self, Write as _};

use super::Report;
use crate::duration;
use crate::money::Rounding;
use crate::outage::{Outage, OutageStart};

/// `1234567.5` → `1,234,567.50` with the rounding's decimal places.
pub(crate) fn money_text(x: Decimal, rounding: Rounding) -> String {
    // `apply` rescales to exactly the policy's places, so Display shows them all.
    let r = rounding.apply(x);
    let text = r.abs().to_string();
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len().saturating_add(int.len() / 3));
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len().saturating_sub(i)) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if r.is_sign_negative() && !r.is_zero() { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// Aligned text tables.
    Text,
    /// GitHub-flavoured Markdown.
    Markdown,
}

/// A report being written in one style.
pub(super) struct Doc {
    out: String,
    style: Style,
}

impl Doc {
    pub(super) const fn new(style: Style) -> Self {
        Doc { out: String::new(), style }
    }

    pub(super) fn finish(self) -> String {
        self.out
    }

    fn title(&mut self, text: &str) {
        match self.style {
            Style::Text => {
                let _ = writeln!(self.out, "{text}");
            }
            Style::Markdown => {
                let _ = writeln!(self.out, "# {}\n", escape(text));
            }
        }
    }

    fn heading(&mut self, text: &str) {
        match self.style {
            Style::Text => {
                let _ = writeln!(self.out, "\n{text}");
            }
            Style::Markdown => {
                let _ = writeln!(self.out, "\n## {}\n", escape(text));
            }
        }
    }

    /// A paragraph (wrapped at 96 characters in text).
    fn para(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.style {
            Style::Text => {
                for line in wrap(text, 96) {
                    let _ = writeln!(self.out, "{line}");
                }
            }
            Style::Markdown => {
                let _ = writeln!(self.out, "\n{}\n", escape(text));
            }
        }
    }

    /// A table: in text, first column left-aligned and the rest right-aligned.
    fn table(&mut self, header: &[String], rows: &[Vec<String>]) {
        match self.style {
            Style::Text => text_table(&mut self.out, header, rows),
            Style::Markdown => {
                let row = |out: &mut String, cells: &[String]| {
                    out.push('|');
                    for c in cells {
                        let _ = write!(out, " {} |", escape(c));
                    }
                    out.push('\n');
                };
                row(&mut self.out, header);
                self.out.push('|');
                for i in 0..header.len() {
                    self.out.push_str(if i == 0 { " --- |" } else { " ---: |" });
                }
                self.out.push('\n');
                for r in rows {
                    row(&mut self.out, r);
                }
            }
        }
    }
}

/// Escapes the characters Markdown tables and emphasis would read.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// Renders rows as a text table: first column left-aligned, the rest right-aligned.
fn text_table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let cols = header.len();
    let mut width = vec![0usize; cols];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut String, row: &[String]| {
        for (i, (cell, w)) in row.iter().zip(&width).enumerate() {
            let _ = if i == 0 { write!(out, "  {cell:<w$}") } else { write!(out, "  {cell:>w$}") };
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    };
    line(out, header);
    let rule: Vec<String> = width.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule);
    for r in rows {
        line(out, r);
    }
}

const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// A duration for a text table: rounded to the centisecond.
fn short(d: std::time::Duration) -> String {
    let centis = d.as_millis().saturating_add(5) / 10;
    let rounded =
        std::time::Duration::from_millis(u64::try_from(centis.saturating_mul(10)).unwrap_or(u64::MAX));
    duration::format(rounded)
}

fn describe(o: &Outage, year_starts_on: crate::civil::Weekday) -> String {
    let mut s = format!("{} at severity {}", short(o.duration()), o.severity());
    match o.start() {
        Some(OutageStart::Week(d)) => {
            let secs = d.as_secs();
            let day = DAYS.get(usize::try_from(secs / 86_400).unwrap_or(0)).copied().unwrap_or("?");
            let _ = write!(s, ", starting {day} {:02}:{:02}", (secs % 86_400) / 3600, (secs % 3600) / 60);
        }
        Some(OutageStart::Year(d)) => {
            let secs = d.as_secs();
            let days = secs / 86_400;
            let weekday =
                usize::try_from(days.saturating_add(u64::from(year_starts_on.days_from_monday())) % 7)
                    .unwrap_or(0);
            let _ = write!(
                s,
                ", starting on day {} of the year ({}) at {:02}:{:02}",
                days.saturating_add(1),
                DAYS.get(weekday).copied().unwrap_or("?"),
                (secs % 86_400) / 3600,
                (secs % 3600) / 60
            );
        }
        Some(OutageStart::At(at)) => {
            let _ = write!(s, ", starting {}", at.strftime("%A %Y-%m-%d %H:%M"));
        }
        None => s.push_str(", start unknown (mean rates)"),
    }
    s
}

impl Report {
    fn write_header(&self, d: &mut Doc) {
        let r = self.rounding;
        d.title(&format!("Scenario: {}   (amounts in {})", self.scenario, self.currency));
        d.para(&self.description);
        let c = self.conventions;
        let month = match c.month() {
            crate::convention::MonthLength::Days30 => "30 days",
            crate::convention::MonthLength::Calendar => "calendar",
            _ => "year/12",
        };
        let quarter = match c.quarter() {
            crate::convention::QuarterLength::Days90 => "90 days",
            crate::convention::QuarterLength::Calendar => "calendar",
            _ => "year/4",
        };
        let mode = match r.mode() {
            crate::money::RoundingMode::HalfEven => "half to even",
            crate::money::RoundingMode::TowardZero => "toward zero",
            _ => "half away from zero",
        };
        d.para(&format!(
            "Conventions: year {} days, month {month}, quarter {quarter}; rounding to {} places, {mode}",
            c.year().days(),
            r.decimal_places(),
        ));
    }

    fn write_fit(&self, d: &mut Doc) {
        let Some(fit) = &self.fit else { return };
        let r = fit.rate();
        d.heading(&format!(
            "Fitted from {} incidents ({} still open) over {:.2} years: {:.3} a year (95% interval {:.3}–{:.3})",
            r.incidents(),
            fit.open(),
            r.years(),
            r.per_year(),
            r.lower(),
            r.upper()
        ));
        let rows: Vec<Vec<String>> = fit
            .fits()
            .map(|f| {
                let params: Vec<String> = f
                    .parameters()
                    .iter()
                    .map(|p| {
                        let unit = if p.unit().is_empty() { String::new() } else { format!(" {}", p.unit()) };
                        format!("{} {:.4} [{:.4}, {:.4}]{unit}", p.name(), p.estimate(), p.lower(), p.upper())
                    })
                    .collect();
                vec![
                    f.family().to_string(),
                    params.join(", "),
                    format!("{:.2}", f.log_likelihood()),
                    format!("{:.2}", f.aic()),
                    f.aicc().map_or_else(|| "n/a".to_owned(), |a| format!("{a:.2}")),
                    format!("{:.2}", f.bic()),
                ]
            })
            .collect();
        let header = ["duration family", "parameters (95% interval)", "log L", "AIC", "AICc", "BIC"]
            .map(str::to_owned);
        d.table(&header, &rows);
        for s in fit.skipped() {
            d.para(&format!("not fitted: {} ({})", s.family(), s.reason()));
        }
    }

    fn write_outages(&self, d: &mut Doc) {
        let r = self.rounding;
        for o in &self.outages {
            d.heading(&format!("Outage: {}", describe(&o.outage, self.year_starts_on)));
            let mut rows: Vec<Vec<String>> = o
                .breakdown
                .items()
                .iter()
                .map(|i| vec![i.name().to_owned(), i.kind().to_string(), money_text(i.amount(), r)])
                .collect();
            rows.push(vec!["total".to_owned(), String::new(), money_text(o.breakdown.total().amount(), r)]);
            let header = ["line item".to_owned(), "driver".to_owned(), format!("cost ({})", self.currency)];
            d.table(&header, &rows);
        }
        if let Some(h) = &self.history {
            d.heading(
                "The outages above that have a date or a start in the year, as one year's history (SLA credits per billing period, on its total downtime)",
            );
            let placed: Vec<&super::OutageReport> = self
                .outages
                .iter()
                .filter(|o| matches!(o.outage.start(), Some(OutageStart::Year(_) | OutageStart::At(_))))
                .collect();
            let each = |k: usize| {
                placed.iter().fold(Decimal::ZERO, |a, o| {
                    a.saturating_add(
                        o.breakdown.items().get(k).map_or(Decimal::ZERO, crate::cost::LineItem::amount),
                    )
                })
            };
            let mut rows: Vec<Vec<String>> = h
                .items()
                .iter()
                .enumerate()
                .map(|(k, i)| {
                    vec![
                        i.name().to_owned(),
                        i.kind().to_string(),
                        money_text(each(k), r),
                        money_text(i.amount(), r),
                    ]
                })
                .collect();
            let single =
                placed.iter().fold(Decimal::ZERO, |a, o| a.saturating_add(o.breakdown.total().amount()));
            rows.push(vec![
                "total".to_owned(),
                String::new(),
                money_text(single, r),
                money_text(h.total().amount(), r),
            ]);
            let header = [
                "line item".to_owned(),
                "driver".to_owned(),
                "each outage alone".to_owned(),
                format!("as one year ({})", self.currency),
            ];
            d.table(&header, &rows);
        }
    }

    fn write_nines(&self, d: &mut Doc) {
        d.heading("Downtime budget per target");
        let rows: Vec<Vec<String>> = self
            .nines
            .rows()
            .iter()
            .map(|n| {
                vec![
                    n.availability().to_string(),
                    n.nines().map_or_else(|| "inf".to_owned(), |x| x.normalize().to_string()),
                    short(n.per_year()),
                    short(n.per_quarter()),
                    short(n.per_month()),
                    short(n.per_week()),
                    short(n.per_day()),
                ]
            })
            .collect();
        let header: Vec<String> =
            ["target", "nines", "per year", "per quarter", "per month", "per week", "per day"]
                .map(str::to_owned)
                .into();
        d.table(&header, &rows);
    }

    fn write_targets(&self, d: &mut Doc) {
        let r = self.rounding;
        d.heading(&format!(
            "Expected annual outage cost per target ({}; method: {}; policy: {})",
            self.currency,
            self.targets.method().replace('_', " "),
            self.targets.policy()
        ));
        let names: Vec<String> = self
            .targets
            .rows()
            .first()
            .map(|r| r.items().iter().map(|i| i.name().to_owned()).collect())
            .unwrap_or_default();
        let mut header = vec!["target".to_owned(), "outages/yr".to_owned(), "mean outage".to_owned()];
        header.extend(names);
        header.push("total".to_owned());
        let bounded = self.targets.rows().iter().any(|r| !r.error_bound().is_zero());
        if bounded {
            header.push("± error bound".to_owned());
        }
        header.push("saving vs previous".to_owned());
        let rows: Vec<Vec<String>> = self
            .targets
            .rows()
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut cells = vec![
                    row.target().to_string(),
                    row.incidents_per_year().round_dp(2).to_string(),
                    short(row.mean_duration()),
                ];
                cells.extend(row.items().iter().map(|it| money_text(it.amount(), r)));
                cells.push(money_text(row.total(), r));
                if bounded {
                    cells.push(money_text(row.error_bound(), r));
                }
                cells.push(
                    i.checked_sub(1)
                        .and_then(|j| self.step_savings.get(j))
                        .map_or_else(String::new, |s| money_text(s.saving_per_year, r)),
                );
                cells
            })
            .collect();
        d.table(&header, &rows);
        for note in self.targets.notes() {
            d.para(&format!("Note: {note}"));
        }
        if let Some(c) = self.cheapest {
            d.para(&format!("Lowest expected outage cost: {c} (run costs of each target not included)."));
        }
    }
}

impl Report {
    fn write_simulations(&self, d: &mut Doc) {
        let Some(first) = self.simulations.first() else { return };
        let r = self.rounding;
        d.heading(&format!(
            "Annual outage cost per target, Monte Carlo ({} years, seed {}, {})",
            first.losses().trials(),
            first.losses().seed(),
            self.currency
        ));
        let header: Vec<String> =
            ["target", "mean", "± 99.9%", "exact", "agrees", "P50", "P95", "P99", "ES 99%", "P(no cost)"]
                .map(str::to_owned)
                .into();
        let rows: Vec<Vec<String>> = self
            .simulations
            .iter()
            .map(|s| {
                let l = &s.losses();
                let q = |p: f64| l.quantile(p).map_or_else(|_| "-".to_owned(), |v| money_text(v, r));
                let half = l.std_error().checked_mul(Decimal::new(329, 2)).unwrap_or_default();
                let rec = &s.reconciliation();
                vec![
                    s.target().to_string(),
                    money_text(l.mean(), r),
                    money_text(half, r),
                    money_text(rec.exact(), r),
                    if rec.agrees() { "yes" } else { "NO" }.to_owned(),
                    q(0.5),
                    q(0.95),
                    q(0.99),
                    l.expected_shortfall(0.99).map_or_else(|_| "-".to_owned(), |v| money_text(v, r)),
                    format!("{:.4}", l.prob_zero()),
                ]
            })
            .collect();
        d.table(&header, &rows);
        let disagree: Vec<String> = self
            .simulations
            .iter()
            .filter(|s| !s.reconciliation().agrees())
            .map(|s| s.target().to_string())
            .collect();
        if disagree.is_empty() {
            d.para(
                "Every target's exact expected cost lies inside its simulated mean's 99.9% interval (widened by the exact figure's error bound).",
            );
        } else {
            d.para(&format!(
                "Warning: the exact expected cost lies outside the simulated mean's 99.9% interval at {}: more years, or a finer SLA tolerance, would tell which is off.",
                disagree.join(", ")
            ));
        }
    }
}

impl Report {
    fn write_decision(&self, d: &mut Doc) {
        let Some(dec) = &self.decision else { return };
        let r = self.rounding;
        let rate = dec.discount_rate().checked_mul(Decimal::ONE_HUNDRED).unwrap_or_default().normalize();
        d.heading(&format!(
            "Total cost of ownership per target (run cost + expected outage cost, {} a year; NPV over {} years at {rate}%)",
            self.currency,
            dec.horizon_years(),
        ));
        let risk = dec.risk_level().map(|l| {
            format!("P{}", l.get().checked_mul(Decimal::ONE_HUNDRED).unwrap_or_default().normalize())
        });
        let mut header: Vec<String> =
            ["target", "run cost", "expected outage cost", "total"].map(str::to_owned).into();
        if let Some(q) = &risk {
            header.push(format!("{q} outage cost"));
            header.push(format!("{q} total"));
        }
        header.push(format!("NPV vs {}", dec.baseline()));
        let rows: Vec<Vec<String>> = dec
            .rows()
            .iter()
            .map(|row| {
                let mut cells = vec![
                    row.target().to_string(),
                    money_text(row.run_cost(), r),
                    money_text(row.expected_outage_cost(), r),
                    money_text(row.total_cost(), r),
                ];
                if risk.is_some() {
                    let opt = |x: Option<Decimal>| x.map_or_else(|| "-".to_owned(), |v| money_text(v, r));
                    cells.push(opt(row.risk_outage_cost()));
                    cells.push(opt(row.risk_total_cost()));
                }
                cells.push(money_text(row.npv_vs_baseline(), r));
                cells
            })
            .collect();
        d.table(&header, &rows);
        if !dec.steps().is_empty() {
            d.heading("What each step up is worth (a year, unless stated)");
            let mut header: Vec<String> =
                ["step", "extra run cost", "expected saving"].map(str::to_owned).into();
            if let Some(q) = &risk {
                header.push(format!("{q} saving"));
            }
            header.extend(["net saving", "break-even investment (once)", "verdict"].map(str::to_owned));
            let rows: Vec<Vec<String>> = dec
                .steps()
                .iter()
                .map(|s| {
                    let mut cells = vec![
                        format!("{} -> {}", s.from(), s.to()),
                        money_text(s.extra_run_cost(), r),
                        money_text(s.expected_saving(), r),
                    ];
                    if risk.is_some() {
                        cells.push(s.risk_saving().map_or_else(|| "-".to_owned(), |v| money_text(v, r)));
                    }
                    cells.push(money_text(s.net_saving(), r));
                    cells.push(money_text(s.break_even_investment(), r));
                    cells.push(s.verdict().to_string());
                    cells
                })
                .collect();
            d.table(&header, &rows);
        }
        let list = |v: &[crate::availability::Availability]| {
            v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        };
        let mut verdict = format!("Cheapest total cost of ownership: {}.", list(dec.cheapest()));
        if let (Some(q), false) = (&risk, dec.risk_cheapest().is_empty()) {
            let _ = write!(verdict, " Risk-averse view (run cost + {q}): {}.", list(dec.risk_cheapest()));
        }
        d.para(&verdict);
        for note in dec.notes() {
            d.para(&format!("Note: {note}"));
        }
    }

    fn write_designs(&self, d: &mut Doc) {
        if self.designs.is_empty() {
            return;
        }
        let r = self.rounding;
        d.heading(&format!(
            "Designs: availability and expected annual outage cost ({}; exponential outages at the design's rate and mean time to restore)",
            self.currency
        ));
        let opt = |x: Option<Decimal>| x.map_or_else(|| "-".to_owned(), |v| money_text(v, r));
        let rows: Vec<Vec<String>> = self
            .designs
            .iter()
            .map(|x| {
                let s = x.summary();
                vec![
                    x.name().to_owned(),
                    format!("{}%", s.availability().percent_for_display()),
                    s.incidents_per_year().map_or_else(|| "-".to_owned(), |f| f.round_dp(3).to_string()),
                    s.mean_time_to_restore().map_or_else(|| "-".to_owned(), short),
                    short(s.downtime_per_year()),
                    opt(x.expected_outage_cost()),
                    opt(x.run_cost()),
                    opt(x.total_cost()),
                ]
            })
            .collect();
        let header: Vec<String> = [
            "design",
            "availability",
            "outages/yr",
            "mean time to restore",
            "downtime/yr",
            "expected outage cost",
            "run cost",
            "total",
        ]
        .map(str::to_owned)
        .into();
        d.table(&header, &rows);
        for x in &self.designs {
            if let Some(note) = x.note() {
                d.para(&format!("Note ({}): {note}", x.name()));
            }
        }
    }

    fn write_sensitivity(&self, d: &mut Doc) {
        let Some(t) = &self.sensitivity else { return };
        let r = self.rounding;
        let swing = t.default_swing().get().checked_mul(Decimal::ONE_HUNDRED).unwrap_or_default().normalize();
        let measured = match t.measure() {
            crate::sensitivity::Measure::TotalCostOfOwnership => "total cost of ownership",
            _ => "expected annual outage cost",
        };
        let how = if t.base_cheapest().is_empty() { "the middle target" } else { "the cheapest target" };
        d.heading(&format!(
            "Sensitivity: {measured} at {} ({how}) when one input moves ±{swing}% (base {} {})",
            t.target(),
            money_text(t.base_cost(), r),
            self.currency
        ));
        let decided = !t.base_cheapest().is_empty();
        let targets = |v: &[crate::availability::Availability]| {
            v.iter().map(ToString::to_string).collect::<Vec<_>>().join(" / ")
        };
        let shown = t.rows().iter().filter(|row| !row.swing().is_zero()).take(SENSITIVITY_ROWS);
        let rows: Vec<Vec<String>> = shown
            .map(|row| {
                let mut cells = vec![
                    row.label().to_owned(),
                    format!("{} .. {}", row.low_value(), row.high_value()),
                    money_text(row.cost_at_low(), r),
                    money_text(row.cost_at_high(), r),
                    money_text(row.swing(), r),
                ];
                if decided {
                    let flip = if row.flips_decision(t.base_cheapest()) { " (flips)" } else { "" };
                    cells.push(format!(
                        "{} .. {}{flip}",
                        targets(row.cheapest_at_low()),
                        targets(row.cheapest_at_high())
                    ));
                }
                cells.push(row.input().to_owned());
                cells
            })
            .collect();
        let mut header: Vec<String> =
            ["input", "low .. high", "cost at low", "cost at high", "swing"].map(str::to_owned).into();
        if decided {
            header.push("cheapest target low .. high".to_owned());
        }
        header.push("path".to_owned());
        d.table(&header, &rows);
        let flips = t.decision_flips();
        if decided {
            d.para(&if flips.is_empty() {
                format!(
                    "No single input moved ±{swing}% changes the cheapest target ({}).",
                    targets(t.base_cheapest())
                )
            } else {
                format!(
                    "{} input(s) change the cheapest target ({}) when moved ±{swing}%: {}.",
                    flips.len(),
                    targets(t.base_cheapest()),
                    flips.iter().map(|f| f.label()).collect::<Vec<_>>().join("; ")
                )
            });
        }
        let rest = t.rows().len().saturating_sub(rows.len());
        if rest > 0 {
            d.para(&format!(
                "{rest} more inputs move the cost less (or not at all); the JSON report lists all."
            ));
        }
        for note in t.notes() {
            d.para(&format!("Note: {note}"));
        }
    }
}

/// Targets as `99.9 99.95` (space-separated percents) for a CSV cell.
fn join_targets(v: &[crate::availability::Availability]) -> String {
    v.iter().map(|a| a.percent().to_string()).collect::<Vec<_>>().join(" ")
}

/// Rows of the sensitivity table in text and Markdown.
const SENSITIVITY_ROWS: usize = 12;

/// One CSV record (RFC 4180: fields with commas, quotes or line breaks are quoted).
fn csv_row(out: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if c.contains([',', '"', '\n', '\r']) {
            let _ = write!(out, "\"{}\"", c.replace('"', "\"\""));
        } else {
            out.push_str(c);
        }
    }
    out.push_str("\r\n");
}

impl Report {
    /// One row per target: the study, the decision and the simulation side by side.
    pub(super) fn targets_csv(&self) -> String {
        let mut out = String::new();
        let names: Vec<String> = self
            .targets
            .rows()
            .first()
            .map(|r| r.items().iter().map(|i| i.name().to_owned()).collect())
            .unwrap_or_default();
        let mut header: Vec<String> =
            ["target_percent", "budget_per_year_seconds", "incidents_per_year", "mean_outage_seconds"]
                .map(str::to_owned)
                .into();
        header.extend(names);
        header.extend(["expected_outage_cost", "error_bound"].map(str::to_owned));
        if self.decision.is_some() {
            header.extend(["run_cost", "total_cost_of_ownership", "npv_vs_baseline"].map(str::to_owned));
        }
        if !self.simulations.is_empty() {
            header
                .extend(["simulated_mean", "p50", "p95", "p99", "expected_shortfall_99"].map(str::to_owned));
        }
        csv_row(&mut out, &header);
        let r = self.rounding;
        for row in self.targets.rows() {
            let mut cells = vec![
                row.target().percent().to_string(),
                crate::duration::seconds(row.budget_per_year()).normalize().to_string(),
                row.incidents_per_year().to_string(),
                crate::duration::seconds(row.mean_duration()).normalize().to_string(),
            ];
            cells.extend(row.items().iter().map(|i| i.amount().to_string()));
            cells.push(row.total().to_string());
            cells.push(row.error_bound().to_string());
            if let Some(dec) = &self.decision {
                match dec.rows().iter().find(|d| d.target() == row.target()) {
                    Some(d) => cells
                        .extend([d.run_cost(), d.total_cost(), d.npv_vs_baseline()].map(|x| x.to_string())),
                    None => cells.extend([String::new(), String::new(), String::new()]),
                }
            }
            if !self.simulations.is_empty() {
                match self.simulations.iter().find(|s| s.target() == row.target()) {
                    Some(s) => {
                        let l = &s.losses();
                        let q =
                            |p: f64| l.quantile(p).map_or_else(|_| String::new(), |v| r.apply(v).to_string());
                        cells.push(r.apply(l.mean()).to_string());
                        cells.extend([q(0.5), q(0.95), q(0.99)]);
                        cells.push(
                            l.expected_shortfall(0.99)
                                .map_or_else(|_| String::new(), |v| r.apply(v).to_string()),
                        );
                    }
                    None => cells.extend(std::iter::repeat_n(String::new(), 5)),
                }
            }
            csv_row(&mut out, &cells);
        }
        out
    }

    /// The tornado table, every input.
    pub(super) fn tornado_csv(&self) -> String {
        let mut out = String::new();
        csv_row(
            &mut out,
            &[
                "input",
                "label",
                "base_value",
                "low_value",
                "high_value",
                "cost_at_low",
                "cost_at_high",
                "swing",
                "cheapest_at_low",
                "cheapest_at_high",
            ]
            .map(str::to_owned),
        );
        if let Some(t) = &self.sensitivity {
            for row in t.rows() {
                csv_row(
                    &mut out,
                    &[
                        row.input().to_owned(),
                        row.label().to_owned(),
                        row.base_value().to_owned(),
                        row.low_value().to_owned(),
                        row.high_value().to_owned(),
                        row.cost_at_low().to_string(),
                        row.cost_at_high().to_string(),
                        row.swing().to_string(),
                        join_targets(row.cheapest_at_low()),
                        join_targets(row.cheapest_at_high()),
                    ],
                );
            }
        }
        out
    }
}

/// Splits `text` into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count().saturating_add(word.chars().count()) >= width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

impl Report {
    pub(super) fn render(&self, style: Style) -> String {
        let mut d = Doc::new(style);
        self.write_header(&mut d);
        self.write_fit(&mut d);
        self.write_outages(&mut d);
        self.write_nines(&mut d);
        self.write_targets(&mut d);
        self.write_simulations(&mut d);
        self.write_decision(&mut d);
        self.write_designs(&mut d);
        self.write_sensitivity(&mut d);
        d.finish()
    }
}

impl fmt::Display for Report {
    /// Readable text tables: each priced outage's breakdown, the downtime
    /// budget per target and the expected annual cost per target.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Style::Text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("aa bb cc", 6), vec!["aa bb".to_owned(), "cc".to_owned()]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn money_text_groups_thousands() {
        let r = Rounding::default();
        assert_eq!(money_text(dec!(1234567.5), r), "1,234,567.50");
        assert_eq!(money_text(dec!(-1234.005), r), "-1,234.01");
        assert_eq!(money_text(dec!(0), r), "0.00");
        assert_eq!(money_text(dec!(999), r), "999.00");
        assert_eq!(money_text(dec!(1000), Rounding::new(0, crate::money::RoundingMode::HalfEven)), "1,000");
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let mut out = String::new();
        csv_row(&mut out, &["a".to_owned(), "b,c".to_owned(), "say \"hi\"".to_owned()]);
        assert_eq!(out, "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
    }

    #[test]
    fn markdown_escapes_table_characters() {
        assert_eq!(escape("a|b *c*"), "a\\|b \\*c\\*");
        let mut d = Doc::new(Style::Markdown);
        d.table(&["x".to_owned(), "y".to_owned()], &[vec!["1".to_owned(), "2".to_owned()]]);
        assert_eq!(d.finish(), "| x | y |\n| --- | ---: |\n| 1 | 2 |\n");
    }
}
