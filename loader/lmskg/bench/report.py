"""The benchmark's results as Markdown tables and a log-log plot (SVG)."""

from __future__ import annotations

from pathlib import Path

from ..markdown import table_cell

POINT = "point look-up (one claim's statements)"


def _ms(value: dict | None) -> str:
    if value is None:
        return "-"
    text = f"{value['seconds'] * 1000:,.1f}"
    return f"> {text}" if value.get("timed_out") else text


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = ["# make bench: results", "",
             f"{m['platform']}, {m['cpus']} CPUs, Python {m['python']}, pyoxigraph "
             f"{m['pyoxigraph']}; load average at start {m['load_average_at_start']} (the "
             "machine is shared: compare the engines' ratios, measured side by side, more "
             "than the times). Builds: median of the runs shown; questions: median of "
             f"{results['settings']['repeat']} runs.", "",
             "## Build (curated data to store and every export)", "",
             "Peak memory: of the build and its tables worker together (proportional set "
             "size, sampled every 0.2 s, or less often when a sample is slow), and of its "
             "largest process (the kernel's peak RSS).", "",
             "| claims | build | runs | median s | peak MiB together | peak RSS MiB, largest "
             "process | quads | quads/s | slowest stages |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in results["sizes"]:
        b = r["build"]
        stages = sorted(b["stages"].items(), key=lambda kv: -kv[1])[:3]
        together = f"{b['peak_together_mib']:,.0f}" if "peak_together_mib" in b else "-"
        lines.append(f"| {r['claims']:,} | {b['kind']} | {b['runs']} | {b['seconds']:.1f} | "
                     f"{together} | {b['peak_rss_mib']:,.0f} | {b['quads']:,} | "
                     f"{b['quads_per_second']:,.0f} | "
                     + "; ".join(f"{k} {v:.1f} s" for k, v in stages) + " |")
    checks = [r for r in results["sizes"] if "check" in r]
    if checks:
        lines += ["", "## Check", "", "| claims | seconds | peak RSS MiB |", "| ---: | ---: | ---: |"]
        lines += [f"| {r['claims']:,} | {r['check']['seconds']:.1f} | "
                  f"{r['check']['peak_rss_mib']:,.0f} |" for r in checks]
    for r in results["sizes"]:
        qs = r["questions"]
        st = r.get("settings", {})
        lines += ["", f"## Questions at {r['claims']:,} claims (milliseconds)", "",
                  f"Median of {st.get('repeat', '?')} runs; a question over "
                  f"{st.get('timeout', '?')} s is shown as '> ...' and not repeated; load "
                  f"average when this size started: {st.get('load_average_at_start', '?')}."
                  + (f" Raw pyoxigraph in memory: the same engine on the TriG file loaded into "
                     f"an in-memory store ({r['ram_load_seconds']:.0f} s to load), no read "
                     f"going to RocksDB." if "ram_load_seconds" in r else ""),
                  "",
                  "| question | rows | lmskg on Oxigraph | raw pyoxigraph | ratio | "
                  "raw pyoxigraph in memory | rdflib memory | rdflib / lmskg |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for name, row in qs.items():
            ox_, raw, mem = row.get("oxigraph"), row.get("pyoxigraph"), row.get("memory")
            ram = row.get("pyoxigraph-ram")
            ratio = _ratio(ox_, raw)
            speed = "-"
            if mem and ox_:
                x = mem["seconds"] / ox_["seconds"]
                speed = f"{'>' if mem.get('timed_out') else ''}{x:,.0f}x" if x >= 10 \
                    else f"{x:.2f}x"
            rows = f"{row['rows']:,}" if "rows" in row else "-"
            lines.append(f"| {name} | {rows} | {_ms(ox_)} | {_ms(raw)} | {ratio} | {_ms(ram)} "
                         f"| {_ms(mem)} | {speed} |")
        lines += _other_examples_table(r)
    lines += ["", "## Targets", ""] + targets(results)
    return "\n".join(lines) + "\n"


def _other_examples_table(size: dict) -> list[str]:
    """The table of the questions' other examples at one size (none before they were
    measured)."""
    others = size.get("other_examples")
    if not others:
        return []
    lines = ["", f"Each question's other examples (other parameters) at {size['claims']:,} "
             "claims, on lmskg's engine only (milliseconds):", "",
             "| question | parameters | rows | lmskg on Oxigraph |", "| --- | --- | ---: | ---: |"]
    for row in others:
        params = ", ".join(f"{k}={v}" for k, v in sorted(row["params"].items())) or \
            "(defaults)"
        rows = f"{row['rows']:,}" if "rows" in row else "-"
        lines.append(f"| {row['question']} | {table_cell(params)} | {rows} | {_ms(row)} |")
    return lines


def _ratio(ox_: dict | None, raw: dict | None) -> str:
    """lmskg against raw pyoxigraph: '-' where raw pyoxigraph was stopped (two stopped
    engines give 1.00, which measures nothing), '>' where only lmskg was."""
    if not ox_ or not raw or raw.get("timed_out"):
        return "-"
    return f"{'>' if ox_.get('timed_out') else ''}{ox_['seconds'] / raw['seconds']:.2f}"


def _peak(build: dict) -> float:
    """The build's peak memory: of all its processes together where measured."""
    return build.get("peak_together_mib", build["peak_rss_mib"])


def targets(results: dict) -> list[str]:
    """Each target of issue 14 with the figure measured against it."""
    out = []
    for r in results["sizes"]:
        qs = r["questions"]
        slowest = max(((n, v["oxigraph"]["seconds"]) for n, v in qs.items() if n != POINT),
                      key=lambda kv: kv[1])
        beyond = ">" if qs[slowest[0]]["oxigraph"].get("timed_out") else ""
        over = [n for n, v in qs.items() if n != POINT and v["oxigraph"]["seconds"] > 1.0]
        over_ram = [n for n, v in qs.items() if n != POINT and "ram_load_seconds" in r
                    and v["pyoxigraph-ram"]["seconds"] > 1.0]
        # over the questions both engines answered within the timeout
        ratios = [v["oxigraph"]["seconds"] / v["pyoxigraph"]["seconds"] for v in qs.values()
                  if not v["oxigraph"].get("timed_out") and not v["pyoxigraph"].get("timed_out")]
        worst = max(ratios)
        out.append(f"- {r['claims']:,} claims: build {r['build']['seconds']:.1f} s "
                   f"({r['build']['kind']}, peak {_peak(r['build']):,.0f} MiB); "
                   f"slowest question {slowest[0]} {beyond}{slowest[1]:.2f} s; "
                   f"{len(over)} of {len(qs) - 1} questions over 1 s"
                   + (f" ({len(over_ram)} in memory)" if "ram_load_seconds" in r else "")
                   + f"; point look-up "
                   f"{qs[POINT]['oxigraph']['seconds'] * 1000:.1f} ms; lmskg/raw pyoxigraph "
                   f"ratio median {sorted(ratios)[len(ratios) // 2]:.2f}, worst {worst:.2f} "
                   f"(over the {len(ratios)} questions both answered within the timeout)"
                   + (f"; check {r['check']['seconds']:.1f} s" if "check" in r else "")
                   + _others_over(r))
    return out


def _others_over(size: dict) -> str:
    """How many of the questions' other examples took over 1 s, and the slowest."""
    others = size.get("other_examples")
    if not others:
        return ""
    slowest = max(others, key=lambda row: row["seconds"])
    over = sum(row["seconds"] > 1.0 for row in others)
    return (f"; {over} of {len(others)} other examples over 1 s (slowest "
            f"{slowest['question']} {'>' if slowest['timed_out'] else ''}"
            f"{slowest['seconds']:.2f} s)")


def plot(results: dict, path: Path) -> None:
    """Seconds against claims, log-log, one line per stage and engine."""
    import matplotlib

    matplotlib.use("svg")
    matplotlib.rcParams["svg.hashsalt"] = "lmskg-bench"
    import matplotlib.pyplot as plt

    sizes = results["sizes"]
    series: dict[str, list[tuple[int, float]]] = {}
    for r in sizes:
        series.setdefault(f"build ({r['build']['kind']})", []).append(
            (r["claims"], r["build"]["seconds"]))
        if "check" in r:
            series.setdefault("check", []).append((r["claims"], r["check"]["seconds"]))
        for engine, label in (("oxigraph", "lmskg on Oxigraph"), ("pyoxigraph", "raw pyoxigraph"),
                              ("pyoxigraph-ram", "raw pyoxigraph in memory"),
                              ("memory", "rdflib memory")):
            rows = [v[engine]["seconds"] for n, v in r["questions"].items()
                    if engine in v and n != POINT]
            if rows:
                series.setdefault(f"all questions, {label}", []).append((r["claims"], sum(rows)))
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for label, points in series.items():
        xs, ys = zip(*points)
        ax.plot(xs, ys, marker="o", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("claims")
    ax.set_ylabel("seconds (median)")
    ax.set_title("lmskg: time against size (make bench)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)
