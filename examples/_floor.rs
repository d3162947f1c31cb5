use downtime_cost::*;
fn main() -> Result<()> {
    let p = OutageProcess::new(
        Frequency::poisson(12.0)?,
        DurationDistribution::lognormal(0.0, 1.2)?,
        SeverityDistribution::default(),
    );
    let model = Scenario::builtin(&std::env::args().nth(1).unwrap_or("saas".into()))?.model();
    let l = simulate(&model, &p, &SimulationOptions::new().trials(300_000).seed(1))?;
    println!("{}", l.trials());
    Ok(())
}
