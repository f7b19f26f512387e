"""The benchmark's Markdown report (lmskg.bench.report): each question's answer size is
shown beside its times, so that a slow question is read as large or as badly planned."""

from __future__ import annotations

from lmskg.bench.report import POINT, markdown


def _timing(seconds: float, timed_out: bool = False) -> dict:
    return {"seconds": seconds, "runs": 5, "timed_out": timed_out}


def _results() -> dict:
    questions = {
        "conflicts": {"oxigraph": _timing(20.0, True), "pyoxigraph": _timing(20.0, True)},
        "outcome-table": {"oxigraph": _timing(9.3), "pyoxigraph": _timing(8.1),
                          "rows": 35076},
        POINT: {"oxigraph": _timing(0.0003), "pyoxigraph": _timing(0.0002), "rows": 12},
    }
    build = {"kind": "streaming", "runs": 1, "seconds": 346.2, "peak_rss_mib": 3749,
             "peak_together_mib": 6315, "quads": 8155651, "quads_per_second": 23557,
             "stages": {"tables": 310.9}}
    return {"machine": {"platform": "Linux", "cpus": 2, "python": "3.11", "pyoxigraph": "0.5",
                        "load_average_at_start": [1, 1, 1]},
            "settings": {"repeat": 5},
            "sizes": [{"claims": 100000, "build": build, "questions": questions,
                       "settings": {"repeat": 3, "timeout": 20.0}}]}


def test_each_question_shows_its_rows_and_a_timed_out_one_shows_none():
    text = markdown(_results())
    assert "| question | rows | lmskg on Oxigraph | raw pyoxigraph | ratio |" in text
    assert "| outcome-table | 35,076 | 9,300.0 | 8,100.0 | 1.15 | - | - | - |" in text
    # two engines stopped at the timeout give no ratio
    assert "| conflicts | - | > 20,000.0 | > 20,000.0 | - | - | - | - |" in text
    assert "slowest question conflicts >20.00 s; 2 of 2 questions over 1 s; point" in text
    assert "in memory)" not in text and "to load" not in text  # not measured: not claimed


def test_the_in_memory_reference_has_its_column_load_time_and_count_over_a_second():
    results = _results()
    size = results["sizes"][0]
    size["ram_load_seconds"] = 27.4
    size["questions"]["outcome-table"]["pyoxigraph-ram"] = _timing(1.9)
    size["questions"]["conflicts"]["pyoxigraph-ram"] = _timing(0.8)
    size["questions"][POINT]["pyoxigraph-ram"] = _timing(0.0001)
    text = markdown(results)
    assert "| raw pyoxigraph in memory | rdflib memory |" in text
    assert "| outcome-table | 35,076 | 9,300.0 | 8,100.0 | 1.15 | 1,900.0 | - | - |" in text
    assert "loaded into an in-memory store (27 s to load)" in text
    assert "2 of 2 questions over 1 s (1 in memory); point" in text


def test_ratios_leave_out_stopped_questions_and_mark_a_lower_bound():
    results = _results()
    questions = results["sizes"][0]["questions"]
    questions["claims-about-therapy"] = {"oxigraph": _timing(20.0, True),
                                         "pyoxigraph": _timing(13.3), "rows": 35277}
    text = markdown(results)
    # only lmskg stopped: its ratio is at least 20 / 13.3
    assert "| claims-about-therapy | 35,277 | > 20,000.0 | 13,300.0 | >1.50 |" in text
    # the summary's ratios: outcome-table (1.15) and the point look-up (1.50) only
    assert "ratio median 1.50, worst 1.50 (over the 2 questions both answered within the " \
        "timeout)" in text


def test_other_examples_have_their_table_and_their_count_over_a_second():
    results = _results()
    size = results["sizes"][0]
    size["other_examples"] = [
        {"question": "doses-and-schedules-per-arm", "params": {"regimen": "gem-doc"},
         "seconds": 9.8, "runs": 3, "timed_out": False, "rows": 458},
        {"question": "conflicts", "params": {}, "seconds": 20.0, "runs": 1,
         "timed_out": True},
        {"question": "outcome-table", "params": {"sort": "a|b"}, "seconds": 0.2, "runs": 3,
         "timed_out": False, "rows": 7}]
    text = markdown(results)
    assert "| question | parameters | rows | lmskg on Oxigraph |" in text
    assert "| doses-and-schedules-per-arm | regimen=gem-doc | 458 | 9,800.0 |" in text
    assert "| conflicts | (defaults) | - | > 20,000.0 |" in text
    assert "| outcome-table | sort=a\\|b | 7 | 200.0 |" in text
    assert "; 2 of 3 other examples over 1 s (slowest conflicts >20.00 s)" in text


def test_a_run_from_before_other_examples_were_timed_claims_nothing_of_them():
    text = markdown(_results())
    assert "other examples" not in text
