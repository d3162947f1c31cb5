//! probe
use downtime_cost::*;
use serde_json::{Value, json};

fn base() -> Value {
    json!({
      "schema": 1,
      "name": "Validation shop",
      "description": "every driver",
      "currency": "EUR",
      "calendar": {
        "conventions": {"year": "365", "month": "30d", "quarter": "year/4"},
        "year_starts_on": "wed",
        "revenue_profile": {"days": [1, 1, 1, 1, 1, 2, 2], "hours": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,3,3,3,3,3,3]},
        "working_hours": {"days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "to": "17:30"},
        "peaks": [{"name": "black friday", "first_day": 330, "days": "4", "multiplier": "3"}]
      },
      "drivers": [
        {"lost_sales": {"name": "web shop", "revenue_per_year": "8760000", "share_at_risk": "60%",
          "recovered": [{"at": "0s", "value": "0.5"}, {"at": "4h", "value": "0.1"}], "basis": {"gross_margin": "0.4"}}},
        {"lost_productivity": {"staff": 50, "cost_per_hour": "40", "dependency": "0.5", "caught_up": "0.3", "overtime_premium": "0.5"}},
        {"response": {"responders": 3, "cost_per_hour": 90, "wrap_up": "1h", "fixed_cost": "2000",
          "data_loss": {"window": "15m", "staff": 10, "cost_per_hour": 40}}},
        {"brand_impact": {"customers": 10000, "churn": [{"at": "0s", "value": 0}, {"at": "4h", "value": "0.01"}],
          "lifetime_value": "500", "publicity": [{"after": "8h", "cost": "50000", "min_severity": "0.5"}]}},
        {"sla_credits": {"direction": "paid", "period": "month", "fee_per_period": "10000",
          "tiers": [{"below": "99.9", "credit": "10%"}, {"below": 99, "credit": "0.25"}], "cap": "1",
          "measure": {"full_duration": {"min_severity": "0.5"}}}},
        {"custom": {"name": "fine", "curve": [{"at": 0, "value": 0}, {"at": "4h", "value": 0}, {"at": "4h", "value": "100000"}],
          "scale_by_severity": true}}
      ],
      "outages": [
        {"duration": "2h30m", "severity": "0.5", "start": {"week": "2d9h"}},
        {"duration": "PT45M", "start": {"year": "331d14h"}}
      ],
      "assumption": {"typical": {"duration": "1h", "severity": 1}},
      "targets": [99, "99.9", "99.95%", {"nines": 4}, {"fraction": "0.99999"}],
      "rounding": {"decimal_places": 2, "mode": "half_even"}
    })
}

fn with(ptr: &str, v: Value) -> String {
    let mut d = base();
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    let p = d.pointer_mut(parent).unwrap();
    match p {
        Value::Object(m) => { m.insert(key.to_owned(), v); }
        Value::Array(a) => { a[key.parse::<usize>().unwrap()] = v; }
        _ => panic!(),
    }
    d.to_string()
}
fn without(ptr: &str) -> String {
    let mut d = base();
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    d.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key);
    d.to_string()
}

#[test]
fn probe() {
    let s = Scenario::from_json(&base().to_string()).unwrap();
    let r = s.evaluate().unwrap();
    println!("{r}");
    let cases: Vec<(&str, String)> = vec![
        ("top unknown", with("/colour", json!("red"))),
        ("driver unknown", with("/drivers/0/lost_sales/colour", json!("red"))),
        ("prod unknown", with("/drivers/1/lost_productivity/colour", json!("red"))),
        ("resp unknown", with("/drivers/2/response/colour", json!("red"))),
        ("dataloss unknown", with("/drivers/2/response/data_loss/colour", json!("red"))),
        ("brand unknown", with("/drivers/3/brand_impact/colour", json!("red"))),
        ("pub unknown", with("/drivers/3/brand_impact/publicity/0/colour", json!("red"))),
        ("churn pt unknown", with("/drivers/3/brand_impact/churn/1/colour", json!("red"))),
        ("sla unknown", with("/drivers/4/sla_credits/colour", json!("red"))),
        ("tier unknown", with("/drivers/4/sla_credits/tiers/0/colour", json!("red"))),
        ("custom unknown", with("/drivers/5/custom/colour", json!("red"))),
        ("driver kind unknown", with("/drivers/0", json!({"bogus": {}}))),
        ("cal unknown", with("/calendar/colour", json!("red"))),
        ("conv unknown", with("/calendar/conventions/colour", json!("red"))),
        ("peak unknown", with("/calendar/peaks/0/colour", json!("red"))),
        ("profile unknown", with("/calendar/revenue_profile/colour", json!("red"))),
        ("working unknown", with("/calendar/working_hours/colour", json!("red"))),
        ("outage unknown", with("/outages/0/colour", json!("red"))),
        ("start unknown", with("/outages/0/start/colour", json!("red"))),
        ("assumption unknown", with("/assumption/colour", json!("red"))),
        ("typical unknown", with("/assumption/typical/colour", json!("red"))),
        ("rounding unknown", with("/rounding/colour", json!("red"))),
        ("recovered bad", with("/drivers/0/lost_sales/recovered/1/value", json!("0.9"))),
        ("recovered above1", with("/drivers/0/lost_sales/recovered/0/value", json!("1.5"))),
        ("basis bad", with("/drivers/0/lost_sales/basis", json!({"gross_margin": "2"}))),
        ("rev neg", with("/drivers/0/lost_sales/revenue_per_year", json!("-1"))),
        ("rev num neg", with("/drivers/0/lost_sales/revenue_per_year", json!(-1))),
        ("rev bad", with("/drivers/0/lost_sales/revenue_per_year", json!("lots"))),
        ("rev bool", with("/drivers/0/lost_sales/revenue_per_year", json!(true))),
        ("share", with("/drivers/0/lost_sales/share_at_risk", json!("170%"))),
        ("share num", with("/drivers/0/lost_sales/share_at_risk", json!(1.5))),
        ("share neg", with("/drivers/0/lost_sales/share_at_risk", json!(-0.1))),
        ("staff neg", with("/drivers/1/lost_productivity/staff", json!(-1))),
        ("cph neg", with("/drivers/1/lost_productivity/cost_per_hour", json!(-1))),
        ("dep", with("/drivers/1/lost_productivity/dependency", json!(2))),
        ("caught", with("/drivers/1/lost_productivity/caught_up", json!("101%"))),
        ("prem", with("/drivers/1/lost_productivity/overtime_premium", json!("-0.5"))),
        ("responders", with("/drivers/2/response/responders", json!(-3))),
        ("resp cph", with("/drivers/2/response/cost_per_hour", json!(-3))),
        ("wrap", with("/drivers/2/response/wrap_up", json!("-1h"))),
        ("fixed", with("/drivers/2/response/fixed_cost", json!("-2000"))),
        ("dl staff", with("/drivers/2/response/data_loss/staff", json!(-1))),
        ("dl cph", with("/drivers/2/response/data_loss/cost_per_hour", json!(-1))),
        ("dl window", with("/drivers/2/response/data_loss/window", json!("soon"))),
        ("customers", with("/drivers/3/brand_impact/customers", json!(-1))),
        ("ltv", with("/drivers/3/brand_impact/lifetime_value", json!(-1))),
        ("churn dec", with("/drivers/3/brand_impact/churn/1/value", json!(0))),
        ("churn >1", with("/drivers/3/brand_impact/churn/1/value", json!(1.5))),
        ("churn first", with("/drivers/3/brand_impact/churn/0/at", json!("1h"))),
        ("pub cost", with("/drivers/3/brand_impact/publicity/0/cost", json!(-1))),
        ("pub sev", with("/drivers/3/brand_impact/publicity/0/min_severity", json!(2))),
        ("fee", with("/drivers/4/sla_credits/fee_per_period", json!(-1))),
        ("tiers empty", with("/drivers/4/sla_credits/tiers", json!([]))),
        ("tier overlap", with("/drivers/4/sla_credits/tiers/1/below", json!(99.9))),
        ("tier order", with("/drivers/4/sla_credits/tiers/1/below", json!(99.95))),
        ("tier credit", with("/drivers/4/sla_credits/tiers/1/credit", json!(0.05))),
        ("tier below 0", with("/drivers/4/sla_credits/tiers/1/below", json!(0))),
        ("tier below 101", with("/drivers/4/sla_credits/tiers/1/below", json!(101))),
        ("cap", with("/drivers/4/sla_credits/cap", json!(2))),
        ("direction", with("/drivers/4/sla_credits/direction", json!("sideways"))),
        ("period", with("/drivers/4/sla_credits/period", json!("week"))),
        ("measure", with("/drivers/4/sla_credits/measure", json!({"full_duration": {"min_severity": 3}}))),
        ("custom curve dec", with("/drivers/5/custom/curve/2/value", json!(-5))),
        ("custom curve 3", with("/drivers/5/custom/curve", json!([{"at":0,"value":0},{"at":"1h","value":1},{"at":"1h","value":2},{"at":"1h","value":3}]))),
        ("custom curve order", with("/drivers/5/custom/curve", json!([{"at":0,"value":0},{"at":"2h","value":1},{"at":"1h","value":2}]))),
        ("custom curve empty", with("/drivers/5/custom/curve", json!([]))),
        ("custom name missing", without("/drivers/5/custom/name")),
        ("rev missing", without("/drivers/0/lost_sales/revenue_per_year")),
        ("name missing", without("/name")),
        ("currency", with("/currency", json!("eur"))),
        ("currency missing", without("/currency")),
        ("drivers missing", without("/drivers")),
        ("targets missing", without("/targets")),
        ("targets empty", with("/targets", json!([]))),
        ("target 0", with("/targets/1", json!(0))),
        ("target 101", with("/targets/1", json!("101%"))),
        ("target neg", with("/targets/1", json!(-5))),
        ("target nines", with("/targets/3", json!({"nines": 29}))),
        ("target nines neg", with("/targets/3", json!({"nines": -1}))),
        ("target fraction", with("/targets/4", json!({"fraction": "1.5"}))),
        ("target text", with("/targets/4", json!("lots"))),
        ("target obj bad", with("/targets/4", json!({"bogus": 1}))),
        ("assumption missing", without("/assumption")),
        ("typical zero", with("/assumption/typical/duration", json!("0s"))),
        ("typical zero sev", with("/assumption/typical/severity", json!(0))),
        ("typical zero num", with("/assumption/typical/duration", json!(0))),
        ("outage dur", with("/outages/0/duration", json!("soon"))),
        ("outage dur neg", with("/outages/0/duration", json!(-5))),
        ("outage dur neg f", with("/outages/0/duration", json!(-5.5))),
        ("outage dur P1Y", with("/outages/0/duration", json!("P1Y"))),
        ("outage sev", with("/outages/0/severity", json!(1.5))),
        ("outage week", with("/outages/0/start", json!({"week": "7d"}))),
        ("outage year", with("/outages/1/start", json!({"year": "366d"}))),
        ("outage start both", with("/outages/1/start", json!({"year": "1d", "week": "1d"}))),
        ("outage missing dur", without("/outages/0/duration")),
        ("peak overlap", with("/calendar/peaks/1", json!({"first_day": 331, "days": 1, "multiplier": 2}))),
        ("peak end", with("/calendar/peaks/0/first_day", json!(364))),
        ("peak day0", with("/calendar/peaks/0/first_day", json!(0))),
        ("peak days0", with("/calendar/peaks/0/days", json!(0))),
        ("peak mult", with("/calendar/peaks/0/multiplier", json!(-1))),
        ("peak day big", with("/calendar/peaks/0/first_day", json!(70000))),
        ("profile neg", with("/calendar/revenue_profile/days/2", json!(-1))),
        ("profile count", with("/calendar/revenue_profile", json!({"days": [1,1,1], "hours": [1]}))),
        ("profile zero", with("/calendar/revenue_profile", json!({"hourly": vec![0; 168]}))),
        ("profile 167", with("/calendar/revenue_profile", json!({"hourly": vec![1; 167]}))),
        ("working >1", with("/calendar/working_hours", json!({"hourly": vec![2; 168]}))),
        ("working same", with("/calendar/working_hours/to", json!("09:00"))),
        ("working time", with("/calendar/working_hours/to", json!("25:00"))),
        ("working nodays", with("/calendar/working_hours/days", json!([]))),
        ("weekday", with("/calendar/year_starts_on", json!("someday"))),
        ("year", with("/calendar/conventions/year", json!("360"))),
        ("rounding mode", with("/rounding/mode", json!("up"))),
        ("rounding places", with("/rounding/decimal_places", json!(99))),
        ("rounding places neg", with("/rounding/decimal_places", json!(-1))),
        ("schema 2", with("/schema", json!(2))),
        ("schema str", with("/schema", json!("1"))),
        ("schema float", with("/schema", json!(1.0))),
        ("schema neg", with("/schema", json!(-1))),
        ("schema missing", without("/schema")),
        ("trailing", format!("{} x", base())),
        ("trailing2", format!("{} {{}}", base())),
        ("garbage", "nonsense".to_owned()),
        ("empty", String::new()),
        ("array", "[]".to_owned()),
        ("array1", "[1]".to_owned()),
        ("null", "null".to_owned()),
        ("amount num", with("/drivers/0/lost_sales/revenue_per_year", json!(8760000.5))),
        ("amount exp", with("/drivers/0/lost_sales/revenue_per_year", json!(1e30))),
        ("amount exp str", with("/drivers/0/lost_sales/revenue_per_year", json!("1e3"))),
        ("huge", with("/drivers/0/lost_sales/revenue_per_year", json!("79228162514264337593543950335"))),
    ];
    for (name, doc) in cases {
        match Scenario::from_json(&doc) {
            Ok(s) => println!("{name:20} OK  eval={:?}", s.evaluate().map(|_| ()).err()),
            Err(e) => println!("{name:20} {e:?}"),
        }
    }
}
