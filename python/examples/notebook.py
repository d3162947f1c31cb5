# %% [markdown]
# # What does an hour of downtime cost, and what is the next nine worth?
#
# A notebook-style walk through the Python package (cells marked `# %%` run in
# VS Code, Jupyter via jupytext, or top to bottom with `python notebook.py`).
# It loads a built-in scenario, changes a revenue figure, compares the expected
# annual outage cost per uptime target before and after, and plots it with
# matplotlib when matplotlib is installed.

# %%
from decimal import Decimal

import downtime_cost as dc

scenario = dc.builtin_scenario("retailer")
print(scenario["name"])

# %% [markdown]
# The retailer's online sales: what share of a year's revenue an outage puts at risk.

# %%
sales = next(d["lost_sales"] for d in scenario["drivers"] if "lost_sales" in d)
print("revenue per year:", sales["revenue_per_year"])

# %%
before = dc.evaluate(scenario).targets
sales["revenue_per_year"] = str(Decimal(sales["revenue_per_year"]) * Decimal("1.5"))
after = dc.evaluate(scenario).targets

# %% [markdown]
# Expected annual outage cost per target (exact `Decimal`, in the scenario's currency).

# %%
def column(table, name):
    """A column of a table, whether it is a DataFrame (pandas) or a list of dicts."""
    return list(table[name]) if hasattr(table, "columns") else [row[name] for row in table]


targets = column(before, "target_percent")
cost_before = column(before, "expected_outage_cost")
cost_after = column(after, "expected_outage_cost")
for t, b, a in zip(targets, cost_before, cost_after):
    print(f"{t:>8}%  {b:>16,.2f}  ->  {a:>16,.2f}  (+{a - b:,.2f})")

# %%
try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    plt = None
    print("matplotlib is not installed: no chart")

if plt is not None:
    fig, ax = plt.subplots(figsize=(7, 4))
    labels = [f"{t}%" for t in targets]
    ax.plot(labels, [float(c) for c in cost_before], marker="o", label="revenue as given")
    ax.plot(labels, [float(c) for c in cost_after], marker="o", label="revenue × 1.5")
    ax.set_yscale("log")
    ax.set_xlabel("uptime target")
    ax.set_ylabel(f"expected outage cost a year ({dc.evaluate(scenario).currency})")
    ax.legend()
    fig.tight_layout()
    fig.savefig("cost-per-target.png")
    print("wrote cost-per-target.png")
