//! Architecture availability: components in series, in parallel and k-of-n,
//! nested, from availabilities or MTBF/MTTR, and the outage process a design
//! implies. The formulas are documented on [`Architecture`].

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::Cell;
use std::time::Duration;

use crate::availability::Availability;
use crate::convention::{Conventions, Period};
use crate::decimal::{self, add, mul, sub};
use crate::duration;
use crate::error::{Error, Result};
use crate::process::{DurationDistribution, Frequency, OutageProcess, SeverityDistribution};

/// A named component: a steady-state availability, or an MTBF and an MTTR.
///
/// In JSON (inside an [`Architecture`]): `{"name": "db", "availability": "99.9"}`
/// (any form [`Availability`] reads: `99.9`, `"99.9%"`, `{"fraction": "0.999"}`)
/// or `{"name": "db", "mtbf": "1000h", "mttr": "10h"}` (durations as in
/// [`crate::duration::parse`]).
///
/// MTBF is the mean *up* time between failures, so `A = MTBF / (MTBF + MTTR)`;
/// see [`Architecture`] for the definitional trap.
///
/// # Example
///
/// ```
/// use downtime_cost::Component;
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let db = Component::with_mtbf_mttr("db", Duration::from_secs(999 * 3600), Duration::from_secs(3600))?;
/// // 999 / (999 + 1) = 0.999.
/// assert_eq!(db.availability().fraction(), Decimal::new(999, 3));
/// assert_eq!(db.mttr(), Some(Duration::from_secs(3600)));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "ComponentSpec"))]
#[serde(into = "ComponentSpec")]
pub struct Component {
    name: String,
    availability: Availability,
    /// `(mtbf, mttr)` when the component was given by them.
    times: Option<(Duration, Duration)>,
}

/// A duration written as text (`"10h"`) and read from text or seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(inline))]
#[serde(transparent)]
struct DurationText(
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    Duration,
);

/// The JSON form of a [`Component`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct ComponentSpec {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    availability: Option<Availability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mtbf: Option<DurationText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mttr: Option<DurationText>,
}

impl TryFrom<ComponentSpec> for Component {
    type Error = Error;
    fn try_from(spec: ComponentSpec) -> Result<Self> {
        match (spec.availability, spec.mtbf, spec.mttr) {
            (Some(a), None, None) => Component::with_availability(spec.name, a),
            (None, Some(mtbf), Some(mttr)) => Component::with_mtbf_mttr(spec.name, mtbf.0, mttr.0),
            (Some(a), _, _) => {
                Err(Error::invalid("availability", a, "must not be given with mtbf or mttr (give one form)"))
            }
            (None, Some(_), None) => Err(Error::invalid("mttr", "nothing", "must be given with mtbf")),
            (None, None, Some(_)) => Err(Error::invalid("mtbf", "nothing", "must be given with mttr")),
            (None, None, None) => {
                Err(Error::invalid("availability", "nothing", "must be given (or mtbf and mttr)"))
            }
        }
    }
}

impl From<Component> for ComponentSpec {
    fn from(c: Component) -> Self {
        match c.times {
            Some((mtbf, mttr)) => ComponentSpec {
                name: c.name,
                availability: None,
                mtbf: Some(DurationText(mtbf)),
                mttr: Some(DurationText(mttr)),
            },
            None => {
                ComponentSpec { name: c.name, availability: Some(c.availability), mtbf: None, mttr: None }
            }
        }
    }
}

impl Component {
    /// A component with a known steady-state availability. Its failure
    /// frequency is unknown (unless the availability is 100 %, when it is 0).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `name`) for an empty or blank name.
    pub fn with_availability(name: impl Into<String>, availability: Availability) -> Result<Self> {
        Ok(Component { name: checked_name(name.into())?, availability, times: None })
    }

    /// A component that fails after a mean up time `mtbf` and is restored in a
    /// mean `mttr`: availability `mtbf / (mtbf + mttr)`, failures
    /// `1 / (mtbf + mttr)` per unit time.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for an empty name (field `name`), a zero `mtbf` or
    /// `mttr` (fields `mtbf`, `mttr`), or an `mtbf` so small next to `mttr`
    /// that the availability rounds to 0.
    pub fn with_mtbf_mttr(name: impl Into<String>, mtbf: Duration, mttr: Duration) -> Result<Self> {
        let name = checked_name(name.into())?;
        if mtbf.is_zero() {
            return Err(Error::invalid("mtbf", duration::format(mtbf), "must be above zero"));
        }
        if mttr.is_zero() {
            return Err(Error::invalid("mttr", duration::format(mttr), "must be above zero"));
        }
        let up = duration::seconds(mtbf);
        let cycle = add(up, duration::seconds(mttr), "component cycle")?;
        let availability = Availability::from_fraction(decimal::div(up, cycle, "component availability")?)
            .map_err(|_| {
                Error::invalid(
                    "mtbf",
                    duration::format(mtbf),
                    "must not be negligible next to mttr (the availability rounds to 0)",
                )
            })?;
        Ok(Component { name, availability, times: Some((mtbf, mttr)) })
    }

    /// The name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The steady-state availability (given, or `MTBF / (MTBF + MTTR)`).
    #[must_use]
    pub const fn availability(&self) -> Availability {
        self.availability
    }

    /// The mean up time between failures, when the component was given by it.
    #[must_use]
    pub fn mtbf(&self) -> Option<Duration> {
        self.times.map(|(mtbf, _)| mtbf)
    }

    /// The mean time to repair (restore), when the component was given by it.
    #[must_use]
    pub fn mttr(&self) -> Option<Duration> {
        self.times.map(|(_, mttr)| mttr)
    }

    /// Failures per `year` seconds: `year / (MTBF + MTTR)`; 0 for a 100 %
    /// component given by availability; an error naming the component when
    /// unknown.
    fn frequency(&self, year: Decimal) -> Freq {
        match self.times {
            Some((mtbf, mttr)) => add(duration::seconds(mtbf), duration::seconds(mttr), "component cycle")
                .and_then(|cycle| decimal::div(year, cycle, "component frequency")),
            None if self.availability == Availability::PERFECT => Ok(Decimal::ZERO),
            None => Err(Error::invalid(
                "component",
                format!("\"{}\"", self.name),
                "must have mtbf and mttr (not only an availability) to derive the outage frequency",
            )),
        }
    }
}

fn checked_name(name: String) -> Result<String> {
    if name.trim().is_empty() {
        Err(Error::invalid("name", format!("\"{name}\""), "must not be empty"))
    } else {
        Ok(name)
    }
}

/// The deepest nesting accepted (a component alone has depth 1).
const MAX_DEPTH: usize = 32;

/// The rule [`MAX_DEPTH`] states, in the levels a reader counts.
const DEPTH_RULE: &str =
    "must be at most 32 levels, a component alone being 1 and each group around it 1 more";
/// The most members of a k-of-n group (its evaluation is quadratic).
const MAX_K_OF_N_MEMBERS: usize = 1000;

/// A system design: a component, or members in series, in parallel or
/// k-of-n, nested up to [`Architecture::MAX_DEPTH`] levels; its availability,
/// failure frequency and the outage process it implies.
///
/// In JSON: `{"component": {"name": "db", "availability": "99.9"}}`,
/// `{"series": [ … ]}`, `{"parallel": [ … ]}`, `{"k_of_n": {"k": 2, "of": [ … ]}}`;
/// reading validates exactly as the constructors do.
///
/// # Model
///
/// A [`Component`] is up or down; in the long run it is up a share `A` of the
/// time, its steady-state availability, given directly or from its mean time
/// between failures and mean time to repair:
///
/// ```text
/// A = MTBF / (MTBF + MTTR)          (MTBF = mean UP time between failures)
/// f = A / MTBF = 1 / (MTBF + MTTR)  failures per unit time (here: per year)
/// ```
///
/// **The MTBF trap.** Here MTBF is the mean *up* time between failures (what
/// reliability textbooks call MTTF when they define MTBF = MTTF + MTTR). This
/// is also what incident tools report as "total uptime / number of failures"
/// (Atlassian). If your MTBF is instead measured from one failure's start to
/// the next (up time plus repair time), pass `MTBF − MTTR`. Likewise "MTTR"
/// here is the whole mean time to restore service, detection included.
///
/// An [`Architecture`] combines components (and architectures):
///
/// ```text
/// series   (all needed):            A = Π Aᵢ
/// parallel (any one suffices):      A = 1 − Π (1 − Aᵢ)
/// k-of-n   (at least k of n up):    A = P(at least k up), the Poisson-binomial
///                                   distribution of the number of members up,
///                                   by dynamic programming over the members
/// ```
///
/// A series is n-of-n and a parallel group 1-of-n, and they are evaluated as
/// such. Members may have different availabilities.
///
/// **Independence is an assumption.** Every formula assumes members fail and
/// are repaired independently. Common-cause failures (a shared power feed, a
/// bad deploy pushed to every region, a provider-wide control-plane outage)
/// make redundancy worth much less than these figures say: model a shared
/// dependency as its own component in series with the redundant group.
///
/// # Frequency and duration
///
/// When every component that can take the system down has an MTBF and an
/// MTTR, the steady-state frequency of system failures follows exactly by the
/// frequency-and-duration method (Billinton & Allan, *Reliability Evaluation
/// of Engineering Systems*, 2nd ed., 1992, ch. "Frequency and duration
/// techniques"; Singh & Billinton, *System Reliability Modelling and
/// Evaluation*, 1977): a member's failure takes its group down exactly when
/// the member is critical, so for a group of independent members
///
/// ```text
/// f_group = Σᵢ fᵢ × Bᵢ,   Bᵢ = A_group(i up) − A_group(i down)   (Birnbaum importance)
///   series:   Bᵢ = Π_{j≠i} Aⱼ
///   parallel: Bᵢ = Π_{j≠i} (1 − Aⱼ)
///   k-of-n:   Bᵢ = P(exactly k − 1 of the other members up)
/// U = 1 − A,  mean time to restore = U / f,  downtime per year = U × year
/// ```
///
/// Frequencies are per year of the [`Conventions`] in force. A component
/// given only by its availability has no known frequency, unless that
/// availability is 100 % (it never fails: frequency 0); a group's frequency
/// is unknown when such a component is critical with nonzero probability.
///
/// [`Architecture::outage_process`] turns a design into an [`OutageProcess`]
/// (Poisson failures at the system frequency, exponential durations with the
/// system's mean time to restore, full severity) for [`crate::TargetStudy`],
/// [`simulate()`](crate::simulate()) and [`crate::CostModel::expected_annual`].
///
/// # Precision
///
/// Availabilities and frequencies are exact `Decimal` arithmetic with checked
/// operations (28 decimal places; products are rounded to that). Durations
/// are rounded to the nanosecond.
///
/// # Example
///
/// One region (an app tier and its database) behind a global load balancer,
/// against two such regions in parallel behind the same load balancer:
///
/// ```
/// use downtime_cost::{Architecture, Component, Conventions, Error};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let hours = |h: u64| Duration::from_secs(h * 3600);
/// // A region: app (MTBF 999 h, MTTR 1 h → 99.9 %) and database (1 996 h / 4 h → 99.8 %) in series:
/// // 0.999 × 0.998 = 0.997002.
/// let region = |name: &str| -> Result<Architecture, Error> {
///     Architecture::series(vec![
///         Component::with_mtbf_mttr(format!("{name} app"), hours(999), hours(1))?.into(),
///         Component::with_mtbf_mttr(format!("{name} db"), hours(1996), hours(4))?.into(),
///     ])
/// };
/// // The global load balancer: 9 999 h / 1 h → 99.99 %.
/// let lb = || Component::with_mtbf_mttr("global lb", hours(9999), hours(1));
///
/// let single = Architecture::series(vec![lb()?.into(), region("eu")?])?;
/// let multi = Architecture::series(vec![
///     lb()?.into(),
///     Architecture::parallel(vec![region("eu")?, region("us")?])?,
/// ])?;
///
/// // Single region: 0.9999 × 0.997002 = 0.9969022998 (99.69 %).
/// assert_eq!(single.availability()?.fraction(), Decimal::new(9_969_022_998, 10));
/// // Two regions: 1 − 0.002998² = 0.999991011996; × 0.9999 = 0.9998910128948004 (99.989 %).
/// assert_eq!(multi.availability()?.fraction(), Decimal::new(9_998_910_128_948_004, 16));
///
/// // Downtime a 365-day year: 0.0030977002 × 8 760 h ≈ 27.1 h, against
/// // 0.0001089871051996 × 525 600 min ≈ 57.3 min.
/// let c = Conventions::new();
/// assert_eq!(single.summary(&c)?.downtime_per_year().as_secs(), 97_689); // 27 h 8 min
/// assert_eq!(multi.summary(&c)?.downtime_per_year().as_secs(), 3_437); // 57 min 17 s
/// // Every component has an MTBF and MTTR, so the system's failure frequency and
/// // outage process follow; the process's mean downtime is U × year again.
/// let summary = multi.summary(&c)?;
/// assert!(summary.incidents_per_year().is_some());
/// let process = multi.outage_process(&c)?; // → TargetStudy, simulate, expected_annual
/// let hours = summary.downtime_per_year().as_secs_f64() / 3600.0;
/// assert!((process.expected_weighted_downtime_hours() - hours).abs() < 1e-6);
/// # Ok::<(), Error>(())
/// ```
///
/// ## k-of-n and JSON
///
/// ```
/// use downtime_cost::{Architecture, Availability, Component};
/// use rust_decimal::Decimal;
///
/// let node = |n: &str| -> Result<Architecture, downtime_cost::Error> {
///     Ok(Component::with_availability(n, Availability::from_percent(99.into())?)?.into())
/// };
/// // 2 of 3 nodes of 99 %: 0.99³ + 3 × 0.99² × 0.01 = 0.970299 + 0.029403 = 0.999702.
/// let quorum = Architecture::k_of_n(2, vec![node("a")?, node("b")?, node("c")?])?;
/// assert_eq!(quorum.availability()?.fraction(), Decimal::new(999_702, 6));
///
/// let json = r#"{"k_of_n": {"k": 2, "of": [
///     {"component": {"name": "a", "availability": 99}},
///     {"component": {"name": "b", "availability": "99%"}},
///     {"component": {"name": "c", "availability": {"fraction": "0.99"}}}]}}"#;
/// let read: Architecture = serde_json::from_str(json).unwrap();
/// assert_eq!(read, quorum);
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "Node"))]
pub struct Architecture {
    node: Node,
    depth: usize,
    /// The components (leaves) it holds, at most [`crate::limits::MAX_COMPONENTS`].
    components: usize,
}

/// The tree, and its JSON form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Node {
    Component(Component),
    Series(Vec<Architecture>),
    Parallel(Vec<Architecture>),
    KOfN { k: usize, of: Vec<Architecture> },
}

/// A system failure frequency, or the error naming the component that lacks one.
type Freq = Result<Decimal>;

/// Availability and failure frequency of a (sub)system.
struct Eval {
    a: Decimal,
    f: Freq,
}

impl From<Component> for Architecture {
    fn from(c: Component) -> Self {
        Architecture::component(c)
    }
}

impl Architecture {
    /// The deepest nesting accepted: a component alone has depth 1, a group
    /// one more than its deepest member. Deeper input is rejected (also when
    /// read from JSON, before it is read further), so hostile documents cannot
    /// exhaust the stack.
    pub const MAX_DEPTH: usize = MAX_DEPTH;

    /// The most members a k-of-n group may have (its evaluation takes time
    /// and memory proportional to n × min(k, n − k + 1)).
    pub const MAX_K_OF_N_MEMBERS: usize = MAX_K_OF_N_MEMBERS;

    /// A single component.
    #[must_use]
    pub const fn component(component: Component) -> Self {
        Architecture { node: Node::Component(component), depth: 1, components: 1 }
    }

    /// Members in series: the system is up only while every member is up.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for no members (field `series`) or nesting deeper
    /// than [`Architecture::MAX_DEPTH`] (field `depth`).
    pub fn series(members: Vec<Architecture>) -> Result<Self> {
        Architecture::from_node(Node::Series(members))
    }

    /// Redundant members: the system is up while any one member is up.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for no members (field `parallel`) or nesting deeper
    /// than [`Architecture::MAX_DEPTH`] (field `depth`).
    pub fn parallel(members: Vec<Architecture>) -> Result<Self> {
        Architecture::from_node(Node::Parallel(members))
    }

    /// A quorum: the system is up while at least `k` of the members are up.
    /// `k = n` is a series, `k = 1` a parallel group.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for no members or more than
    /// [`Architecture::MAX_K_OF_N_MEMBERS`] (field `k_of_n`), `k` outside
    /// 1..=n (field `k`), or nesting deeper than [`Architecture::MAX_DEPTH`]
    /// (field `depth`).
    pub fn k_of_n(k: usize, members: Vec<Architecture>) -> Result<Self> {
        Architecture::from_node(Node::KOfN { k, of: members })
    }

    fn from_node(node: Node) -> Result<Self> {
        let (field, members) = match &node {
            Node::Component(_) => return Ok(Architecture { node, depth: 1, components: 1 }),
            Node::Series(m) => ("series", m),
            Node::Parallel(m) => ("parallel", m),
            Node::KOfN { of, .. } => ("k_of_n", of),
        };
        if members.is_empty() {
            return Err(Error::invalid(field, "[]", "must have at least one member"));
        }
        if let Node::KOfN { k, of } = &node {
            if of.len() > MAX_K_OF_N_MEMBERS {
                return Err(Error::invalid(field, of.len(), "must have at most 1000 members"));
            }
            if *k == 0 || *k > of.len() {
                return Err(Error::invalid("k", k, "must be between 1 and the number of members"));
            }
        }
        let depth = members.iter().map(|m| m.depth).max().unwrap_or(0).saturating_add(1);
        if depth > MAX_DEPTH {
            return Err(Error::invalid("depth", depth, DEPTH_RULE));
        }
        let components = members.iter().fold(0usize, |n, m| n.saturating_add(m.components));
        crate::limits::at_most(
            "components",
            components,
            crate::limits::MAX_COMPONENTS,
            "must be at most 10000 in one architecture",
        )?;
        Ok(Architecture { node, depth, components })
    }

    /// The components (leaves), depth first, in the order written.
    #[must_use]
    pub fn components(&self) -> Vec<&Component> {
        let mut out = Vec::new();
        self.collect_components(&mut out);
        out
    }

    fn collect_components<'a>(&'a self, out: &mut Vec<&'a Component>) {
        match &self.node {
            Node::Component(c) => out.push(c),
            Node::Series(m) | Node::Parallel(m) | Node::KOfN { of: m, .. } => {
                for member in m {
                    member.collect_components(out);
                }
            }
        }
    }

    /// The steady-state availability of the system, members independent.
    ///
    /// # Formula
    ///
    /// ```text
    /// series Π Aᵢ;  parallel 1 − Π (1 − Aᵢ);  k-of-n P(at least k of n up)
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `availability`) when the result rounds to 0
    /// (e.g. a long chain of poor components), [`Error::Overflow`] never in
    /// practice.
    pub fn availability(&self) -> Result<Availability> {
        to_availability(self.eval(None)?.a)
    }

    /// Availability, failures a year, mean time to restore and downtime a
    /// year of the system, under `conventions` (the year length).
    ///
    /// # Formula
    ///
    /// ```text
    /// incidents/yr  f = Σᵢ fᵢ Bᵢ     (frequency-and-duration method, Bᵢ Birnbaum importance)
    /// MTTR_sys      = U / f          (U = 1 − A; when f > 0)
    /// downtime/yr   = U × year
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Architecture::availability`] and [`Conventions::seconds`]. An
    /// unknown frequency is not an error: it is `None`.
    pub fn summary(&self, conventions: &Conventions) -> Result<ArchitectureSummary> {
        Ok(self.summarise(*conventions)?.0)
    }

    /// The summary and, when the frequency is unknown, the error naming the
    /// component that lacks an MTBF/MTTR.
    fn summarise(&self, conventions: Conventions) -> Result<(ArchitectureSummary, Option<Error>)> {
        let year = conventions.seconds(Period::Year)?;
        let e = self.eval(Some(year))?;
        let availability = to_availability(e.a)?;
        let u = availability.unavailability();
        let downtime_per_year = duration::from_seconds(mul(u, year, "downtime per year")?)?;
        let (incidents_per_year, mean_time_to_restore, missing) = match e.f.map(|f| f.normalize()) {
            Ok(f) if f.is_zero() => (Some(f), None, None),
            Ok(f) => {
                let mttr = duration::from_seconds(decimal::mul_div(u, year, f, "mean time to restore")?)?;
                (Some(f), Some(mttr), None)
            }
            Err(err) => (None, None, Some(err)),
        };
        let summary =
            ArchitectureSummary { availability, incidents_per_year, mean_time_to_restore, downtime_per_year };
        Ok((summary, missing))
    }

    /// The outage process the design implies: Poisson failures at the
    /// system's frequency a year, exponential durations with mean the
    /// system's mean time to restore, full severity.
    ///
    /// This is the alternating-renewal approximation: system up and down
    /// times are neither exponential nor independent in general, but the mean
    /// downtime a year is exact, `λ × E[D] = f × U / f = U × year`. A system
    /// that never fails (frequency 0) gives a process with no outages.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] naming the component (by its path, e.g.
    /// `series[1].parallel[0].component`, and its name) that has only an
    /// availability while its failures can take the system down; as
    /// [`Architecture::summary`] otherwise.
    pub fn outage_process(&self, conventions: &Conventions) -> Result<OutageProcess> {
        let (summary, missing) = self.summarise(*conventions)?;
        if let Some(err) = missing {
            return Err(err);
        }
        let rate = decimal::to_f64_lossy(summary.incidents_per_year.unwrap_or(Decimal::ZERO));
        let duration = match summary.mean_time_to_restore {
            Some(mean) if !mean.is_zero() => DurationDistribution::exponential(mean)?,
            _ => DurationDistribution::fixed(Duration::ZERO),
        };
        Ok(OutageProcess::new(Frequency::poisson(rate)?, duration, SeverityDistribution::default()))
    }

    /// Availability and (with `year`, seconds in a year) failures a year.
    /// Without `year` the frequency is not computed (reported as 0).
    fn eval(&self, year: Option<Decimal>) -> Result<Eval> {
        match &self.node {
            Node::Component(c) => Ok(Eval {
                a: c.availability.fraction(),
                f: year.map_or(Ok(Decimal::ZERO), |y| c.frequency(y)),
            }),
            Node::Series(m) => group(m.len(), m, year, "series"),
            Node::Parallel(m) => group(1, m, year, "parallel"),
            Node::KOfN { k, of } => group(*k, of, year, "k_of_n.of"),
        }
    }
}

fn to_availability(a: Decimal) -> Result<Availability> {
    Availability::from_fraction(a.clamp(Decimal::ZERO, Decimal::ONE)).map_err(|_| {
        Error::invalid("availability", a, "must be above 0 (the system's availability rounds to 0)")
    })
}

/// Evaluates "at least `k` of `members` up" (1 ≤ k ≤ n, n ≥ 1).
///
/// The number of members in one state is counted, truncated at `t`: the
/// number *up* with `t = k − 1` (then `U = P(at most k − 1 up)`), or, when
/// that is shorter, the number *down* with `t = n − k` (then
/// `A = P(at most n − k down)`). Series (`t = 0`, down) and parallel
/// (`t = 0`, up) reduce to plain products. The Birnbaum importance of member
/// `i` is the probability that exactly `t` of the others are in the counted
/// state (both orientations: exactly k − 1 of the others up), from prefix
/// and suffix count distributions.
fn group(k: usize, members: &[Architecture], year: Option<Decimal>, label: &str) -> Result<Eval> {
    let evals = members.iter().map(|m| m.eval(year)).collect::<Result<Vec<_>>>()?;
    let (up, down) = (k.saturating_sub(1), evals.len().saturating_sub(k));
    let count_up = up <= down;
    let cap = up.min(down);
    // Probability that each member is in the counted state.
    let probs = evals
        .iter()
        .map(|e| if count_up { Ok(e.a) } else { sub(Decimal::ONE, e.a, "unavailability") })
        .collect::<Result<Vec<_>>>()?;
    let full = probs.iter().try_fold(unit(cap), |dist, &pj| step(dist, pj))?;
    let at_most = full.iter().try_fold(Decimal::ZERO, |acc, &x| add(acc, x, "k-of-n availability"))?;
    let availability = if count_up { sub(Decimal::ONE, at_most, "k-of-n availability")? } else { at_most };
    let frequency = match year {
        None => Ok(Decimal::ZERO),
        Some(_) => frequency(&evals, &probs, cap, label)?,
    };
    Ok(Eval { a: availability, f: frequency })
}

/// `f = Σᵢ fᵢ Bᵢ`, skipping members that are never critical (`Bᵢ = 0`);
/// an `Err` inside the `Ok` names the first critical member without a
/// frequency.
fn frequency(evals: &[Eval], p: &[Decimal], t: usize, label: &str) -> Result<Freq> {
    // prefix[i]: count distribution of members 0..i; suffix[i]: of members i..n.
    let mut prefix = Vec::with_capacity(p.len().saturating_add(1));
    let mut dist = unit(t);
    for &pj in p {
        let next = step(dist.clone(), pj)?;
        prefix.push(dist);
        dist = next;
    }
    let mut suffix = Vec::with_capacity(p.len().saturating_add(1));
    let mut dist = unit(t);
    suffix.push(dist.clone());
    for &pj in p.iter().rev() {
        dist = step(dist, pj)?;
        suffix.push(dist.clone());
    }
    suffix.reverse();
    let mut total = Decimal::ZERO;
    for (i, ((e, before), after)) in evals.iter().zip(&prefix).zip(suffix.iter().skip(1)).enumerate() {
        // P(exactly t of the others in the counted state) = Σₘ before[m] × after[t − m].
        let b = before.iter().zip(after.iter().rev()).try_fold(Decimal::ZERO, |s, (&x, &y)| {
            add(s, mul(x, y, "birnbaum importance")?, "birnbaum importance")
        })?;
        if b.is_zero() {
            continue;
        }
        match &e.f {
            Ok(fi) => total = add(total, mul(*fi, b, "failure frequency")?, "failure frequency")?,
            Err(err) => return Ok(Err(err.clone().within(&format!("{label}[{i}]")))),
        }
    }
    Ok(Ok(total))
}

/// The count distribution of no members: `[1, 0, …, 0]` (length `t + 1`).
fn unit(t: usize) -> Vec<Decimal> {
    let mut d = vec![Decimal::ZERO; t.saturating_add(1)];
    if let Some(first) = d.first_mut() {
        *first = Decimal::ONE;
    }
    d
}

/// Adds one member in the counted state with probability `p`:
/// `new[c] = old[c] × (1 − p) + old[c − 1] × p`, truncated at `t`.
fn step(mut dist: Vec<Decimal>, p: Decimal) -> Result<Vec<Decimal>> {
    let q = sub(Decimal::ONE, p, "k-of-n count")?;
    let mut below = Decimal::ZERO;
    for slot in &mut dist {
        let old = *slot;
        *slot = add(mul(old, q, "k-of-n count")?, mul(below, p, "k-of-n count")?, "k-of-n count")?;
        below = old;
    }
    Ok(dist)
}

impl Serialize for Architecture {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.node.serialize(s)
    }
}

thread_local! {
    /// How many architectures are being read, one inside the other, on this thread.
    static READ_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Counts one level of nesting while an architecture is read.
struct DepthGuard(usize);

impl DepthGuard {
    fn enter() -> Self {
        DepthGuard(READ_DEPTH.with(|d| {
            let depth = d.get().saturating_add(1);
            d.set(depth);
            depth
        }))
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        READ_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

impl<'de> Deserialize<'de> for Architecture {
    /// Reads the JSON form, refusing to descend past [`Architecture::MAX_DEPTH`]
    /// levels (checked before the nested value is read, whatever the
    /// deserializer), then validates as the constructors do.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let guard = DepthGuard::enter();
        if guard.0 > MAX_DEPTH {
            // Reading stops at the first level too deep: the document nests at least this deep.
            return Err(crate::json::reject(Error::invalid(
                "depth",
                format!("{} or more", guard.0),
                DEPTH_RULE,
            )));
        }
        let node = Node::deserialize(d)?;
        drop(guard);
        Architecture::from_node(node).map_err(crate::json::reject)
    }
}

/// What a design delivers: availability, failures a year, mean time to
/// restore and downtime a year (see [`Architecture::summary`]).
///
/// Serialised with decimals as strings and each duration twice, as text and
/// in seconds: `{"availability": "99.99", "incidents_per_year": "1.752",
/// "mean_time_to_restore": "30m", "mean_time_to_restore_seconds": "1800",
/// "downtime_per_year": "52m33.6s", "downtime_per_year_seconds": "3153.6"}`;
/// unknown figures are `null`. Reading checks that the two forms agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "SummaryWire")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(try_from = "SummaryWire"))]
pub struct ArchitectureSummary {
    availability: Availability,
    incidents_per_year: Option<Decimal>,
    mean_time_to_restore: Option<Duration>,
    downtime_per_year: Duration,
}

/// An [`ArchitectureSummary`] as written: durations as text and in seconds.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct SummaryWire {
    availability: Availability,
    /// System failures a year; null when a component has only an availability.
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Nullable<crate::decimal::WireDecimal>"))]
    #[serde(with = "crate::decimal::option_wire")]
    incidents_per_year: Option<Decimal>,
    /// Mean time to restore the system; null when the failures a year are unknown.
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Nullable<crate::duration::WireDuration>"))]
    #[serde(with = "crate::duration::option_wire")]
    mean_time_to_restore: Option<Duration>,
    /// `mean_time_to_restore` in seconds.
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Nullable<crate::decimal::WireDecimal>"))]
    #[serde(with = "crate::decimal::option_wire")]
    mean_time_to_restore_seconds: Option<Decimal>,
    /// Expected downtime a year, `(1 − A) × year`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    downtime_per_year: Duration,
    /// `downtime_per_year` in seconds.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    downtime_per_year_seconds: Decimal,
}

impl From<ArchitectureSummary> for SummaryWire {
    fn from(s: ArchitectureSummary) -> Self {
        SummaryWire {
            availability: s.availability,
            incidents_per_year: s.incidents_per_year,
            mean_time_to_restore: s.mean_time_to_restore,
            mean_time_to_restore_seconds: s.mean_time_to_restore.map(duration::seconds),
            downtime_per_year: s.downtime_per_year,
            downtime_per_year_seconds: duration::seconds(s.downtime_per_year),
        }
    }
}

impl TryFrom<SummaryWire> for ArchitectureSummary {
    type Error = Error;

    fn try_from(w: SummaryWire) -> Result<Self> {
        Ok(ArchitectureSummary {
            availability: w.availability,
            incidents_per_year: w.incidents_per_year,
            mean_time_to_restore: duration::paired_option(
                w.mean_time_to_restore,
                "mean_time_to_restore_seconds",
                w.mean_time_to_restore_seconds,
            )?,
            downtime_per_year: duration::paired(
                w.downtime_per_year,
                "downtime_per_year_seconds",
                w.downtime_per_year_seconds,
            )?,
        })
    }
}

crate::json::deserialize_via!(ArchitectureSummary, SummaryWire);

impl ArchitectureSummary {
    /// The summary as a report shows it: the availability to 8 decimal
    /// places of its fraction (6 of its percent), outages a year to
    /// [`crate::target::INCIDENT_PLACES`]; durations stay exact.
    #[must_use]
    pub(crate) fn rounded(&self) -> Self {
        // A rounded fraction of 1 would show a design with downtime as 100 %, and one below 5e-9
        // rounds to 0, which is not an availability: those stay exact.
        let rounded = decimal::fixed(self.availability.fraction(), 8);
        let availability = if rounded >= Decimal::ONE {
            self.availability
        } else {
            Availability::from_fraction(rounded).unwrap_or(self.availability)
        };
        ArchitectureSummary {
            availability,
            incidents_per_year: self
                .incidents_per_year
                .map(|x| decimal::fixed(x, crate::target::INCIDENT_PLACES)),
            ..self.clone()
        }
    }

    /// The steady-state availability.
    #[must_use]
    pub const fn availability(&self) -> Availability {
        self.availability
    }

    /// System failures a year, `Σᵢ fᵢ Bᵢ`; `None` when a component that can
    /// take the system down has only an availability.
    #[must_use]
    pub const fn incidents_per_year(&self) -> Option<Decimal> {
        self.incidents_per_year
    }

    /// Mean duration of a system outage, `U / f`; `None` when the frequency
    /// is unknown or 0.
    #[must_use]
    pub const fn mean_time_to_restore(&self) -> Option<Duration> {
        self.mean_time_to_restore
    }

    /// Expected downtime a year, `(1 − A) × year`.
    #[must_use]
    pub const fn downtime_per_year(&self) -> Duration {
        self.downtime_per_year
    }
}

/// A named design to compare in money: an [`Architecture`] and, optionally,
/// what it costs a year to run.
///
/// In scenario files (`designs[]`): `{"name": "multi-region", "architecture": {…}, "cost_per_year": "2200000"}`.
/// A report prices each design's outage process (see [`Architecture::outage_process`])
/// with the scenario's cost model: expected annual outage cost, and with
/// `cost_per_year`, the total cost of ownership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "DesignSpec"))]
pub struct Design {
    name: String,
    architecture: Architecture,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    cost_per_year: Option<Decimal>,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct DesignSpec {
    name: String,
    architecture: Architecture,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, deserialize_with = "crate::decimal::option_wire::deserialize")]
    cost_per_year: Option<Decimal>,
}

impl TryFrom<DesignSpec> for Design {
    type Error = Error;
    fn try_from(s: DesignSpec) -> Result<Self> {
        let d = Design::new(s.name, s.architecture);
        match s.cost_per_year {
            Some(c) => d.with_cost_per_year(c),
            None => Ok(d),
        }
    }
}

impl Design {
    /// A design without a run cost.
    #[must_use]
    pub fn new(name: impl Into<String>, architecture: Architecture) -> Self {
        Design { name: name.into(), architecture, cost_per_year: None }
    }

    /// Sets the yearly run cost.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `cost_per_year`) for a negative amount.
    pub fn with_cost_per_year(mut self, cost: Decimal) -> Result<Self> {
        if cost.is_sign_negative() && !cost.is_zero() {
            return Err(Error::invalid("cost_per_year", cost, "must not be negative"));
        }
        self.cost_per_year = Some(cost);
        Ok(self)
    }

    /// The name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The architecture.
    #[must_use]
    pub const fn architecture(&self) -> &Architecture {
        &self.architecture
    }

    /// The yearly run cost, if given.
    #[must_use]
    pub const fn run_cost(&self) -> Option<Decimal> {
        self.cost_per_year
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn comp(a: Decimal) -> Architecture {
        Component::with_availability("c", Availability::from_fraction(a).unwrap()).unwrap().into()
    }

    #[test]
    fn count_distribution_steps() {
        // Two members in the counted state with p = 0.5 and 0.2, truncated at 1:
        // P(0) = 0.5 × 0.8 = 0.4; P(1) = 0.5 × 0.8 + 0.5 × 0.2 = 0.5.
        let d = step(step(unit(1), dec!(0.5)).unwrap(), dec!(0.2)).unwrap();
        assert_eq!(d, vec![dec!(0.4), dec!(0.5)]);
    }

    #[test]
    fn orientation_choice_agrees() {
        // 3-of-4 counts down (t = 1), 2-of-4 counts up (t = 1): both by hand.
        // 0.9 each: P(≥3 up) = 0.9⁴ + 4 × 0.9³ × 0.1 = 0.6561 + 0.2916 = 0.9477.
        let m = || vec![comp(dec!(0.9)), comp(dec!(0.9)), comp(dec!(0.9)), comp(dec!(0.9))];
        assert_eq!(Architecture::k_of_n(3, m()).unwrap().availability().unwrap().fraction(), dec!(0.9477));
        // P(≥2 up) = 1 − 0.1⁴ − 4 × 0.9 × 0.1³ = 1 − 0.0001 − 0.0036 = 0.9963.
        assert_eq!(Architecture::k_of_n(2, m()).unwrap().availability().unwrap().fraction(), dec!(0.9963));
    }

    #[test]
    fn read_depth_resets_after_errors() {
        let bad = r#"{"series": [{"series": [{"component": {"name": "x"}}]}]}"#;
        assert!(serde_json::from_str::<Architecture>(bad).is_err());
        READ_DEPTH.with(|d| assert_eq!(d.get(), 0));
    }
}

crate::json::deserialize_via!(Component, ComponentSpec);

crate::json::deserialize_via!(Design, DesignSpec);
