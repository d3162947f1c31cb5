//! The report's sections, in reading order: header, fit, outages, budgets,
//! targets, simulations, decision, designs and sensitivity.

use rust_decimal::Decimal;
use std::fmt::Write as _;

use super::doc::Doc;
use super::{Report, money_text};
use crate::duration;
use crate::outage::{Outage, OutageStart};

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
    pub(super) fn write_header(&self, d: &mut Doc) {
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

    pub(super) fn write_fit(&self, d: &mut Doc) {
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

    pub(super) fn write_outages(&self, d: &mut Doc) {
        let r = self.rounding;
        for o in &self.outages {
            d.heading(&format!("Outage: {}", describe(&o.outage, self.year_starts_on)));
            let mut rows: Vec<Vec<String>> = o
                .breakdown
                .items()
                .iter()
                .map(|i| vec![i.name().to_owned(), i.kind().to_string(), money_text(i.amount(), r)])
                .collect();
            rows.push(vec!["total".to_owned(), String::new(), money_text(o.breakdown.total(), r)]);
            let header = ["line item".to_owned(), "driver".to_owned(), format!("cost ({})", self.currency)];
            d.table(&header, &rows);
        }
        if let Some(h) = &self.history {
            d.heading(
                "The outages above that have a date or a start in the year, as one year's history (SLA credits per billing period, on its total downtime)",
            );
            let placed: Vec<&crate::report::OutageReport> = self
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
            let single = placed.iter().fold(Decimal::ZERO, |a, o| a.saturating_add(o.breakdown.total()));
            rows.push(vec![
                "total".to_owned(),
                String::new(),
                money_text(single, r),
                money_text(h.total(), r),
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

    pub(super) fn write_nines(&self, d: &mut Doc) {
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

    pub(super) fn write_targets(&self, d: &mut Doc) {
        let r = self.rounding;
        d.heading(&format!(
            "Expected annual outage cost per target ({}; method: {}; policy: {})",
            self.currency,
            self.targets.method(),
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
        if let Some(c) = self.lowest_outage_cost {
            d.para(&format!("Lowest expected outage cost: {c} (run costs of each target not included)."));
        }
    }
}

impl Report {
    pub(super) fn write_simulations(&self, d: &mut Doc) {
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
                let q =
                    |level: &str| l.percentile(level).map_or_else(|| "-".to_owned(), |v| money_text(v, r));
                let half = l.std_error().checked_mul(Decimal::new(329, 2)).unwrap_or_default();
                let rec = &s.reconciliation();
                vec![
                    s.target().to_string(),
                    money_text(l.mean(), r),
                    money_text(half, r),
                    money_text(rec.exact(), r),
                    if rec.agrees() { "yes" } else { "NO" }.to_owned(),
                    q("50"),
                    q("95"),
                    q("99"),
                    l.expected_shortfall_at("99").map_or_else(|| "-".to_owned(), |v| money_text(v, r)),
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
    pub(super) fn write_decision(&self, d: &mut Doc) {
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

    pub(super) fn write_designs(&self, d: &mut Doc) {
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

    pub(super) fn write_support(&self, d: &mut Doc) {
        let Some(c) = &self.support else { return };
        let r = self.rounding;
        d.heading(&format!(
            "Who answers the outage: support options at {} incidents a year ({}; {})",
            c.incidents_per_year().normalize(),
            self.currency,
            match (c.trials(), c.seed()) {
                (Some(t), Some(seed)) => format!("P95 from {t} simulated years, seed {seed}"),
                _ => "P95 with --trials".to_owned(),
            }
        ));
        let minutes = |s: Decimal| {
            s.checked_div(Decimal::from(60))
                .map_or_else(|| "beyond range".to_owned(), |m| format!("{} min", m.round_dp(1).normalize()))
        };
        let rows: Vec<Vec<String>> = c
            .rows()
            .iter()
            .map(|x| {
                vec![
                    x.name().to_owned(),
                    minutes(x.mean_time_to_engage_seconds()),
                    format!("{} h", x.mean_outage_hours().round_dp(2).normalize()),
                    format!("{}%", x.availability().percent_for_display()),
                    format!(
                        "{} ± {}",
                        money_text(x.expected_outage_cost(), r),
                        money_text(x.error_estimate(), r)
                    ),
                    x.p95_outage_cost().map_or_else(|| "-".to_owned(), |v| money_text(v, r)),
                    money_text(x.running_cost(), r),
                    money_text(x.credits_received(), r),
                    money_text(x.total_cost(), r),
                ]
            })
            .collect();
        let header: Vec<String> = [
            "option",
            "mean time to engage",
            "mean outage",
            "availability",
            "expected outage cost",
            "P95 outage cost",
            "running cost",
            "credits received",
            "total cost",
        ]
        .map(str::to_owned)
        .into();
        d.table(&header, &rows);
        if let Some(best) = c.cheapest() {
            let mut text = format!("Cheapest in total: {}.", best.name());
            for x in c.rows().iter().filter(|x| x.name() != best.name()) {
                let saving = x
                    .total_cost()
                    .checked_sub(best.total_cost())
                    .map_or_else(|| "an amount beyond range".to_owned(), |v| money_text(v, r));
                let _ = write!(
                    text,
                    " Moving from {} to {} saves {} {} a year.",
                    x.name(),
                    best.name(),
                    saving,
                    self.currency
                );
            }
            d.para(&text);
        }
        if let Some(first) = c.rows().first()
            && !first.incidents_allowed().is_empty()
        {
            let mut header = vec!["incidents a year allowed at".to_owned()];
            header.extend(first.incidents_allowed().iter().map(|a| a.target().to_string()));
            let rows: Vec<Vec<String>> = c
                .rows()
                .iter()
                .map(|x| {
                    let mut row = vec![x.name().to_owned()];
                    row.extend(
                        x.incidents_allowed().iter().map(|a| a.incidents_per_year().round_dp(2).to_string()),
                    );
                    row
                })
                .collect();
            d.table(&header, &rows);
        }
        d.para(
            "The expected outage cost averages each outage over its start in the year (the wait for cover depends on the hour of the week) by quadrature, with its error estimate; the total is running cost + expected outage cost − credits received.",
        );
    }

    pub(super) fn write_sensitivity(&self, d: &mut Doc) {
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

/// Rows of the sensitivity table in text and Markdown.
const SENSITIVITY_ROWS: usize = 12;
