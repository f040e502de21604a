"""The benchmark scripts run end to end (with tiny numbers) and print their figures, so they never rot."""
import re
import sys

from lms.benchmarks import draft_saves
from tests.conftest import POSTGRES_URL


def test_the_draft_save_benchmark_runs_and_prints_ratios(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["draft_saves", "--evaluators", "2", "--rounds", "2"])
    draft_saves.main()
    printed = capsys.readouterr().out
    assert "2 evaluators in parallel, 2 saves each" in printed
    assert "draft save (POST):        median" in printed and "ratio to baseline:        median" in printed


def test_the_certificate_benchmark_runs_and_prints_the_ratio_and_queries(monkeypatch, capsys):
    from lms.benchmarks import certificates

    monkeypatch.setattr(sys, "argv", ["certificates", "--rounds", "1"])
    certificates.main()
    printed = capsys.readouterr().out
    queries = re.search(r"verification page: (\d+) queries, JSON: (\d+) queries", printed)
    assert "ratio:" in printed and queries and all(int(n) <= 2 for n in queries.groups())


def test_the_oversight_benchmark_runs_and_no_page_grows_its_queries(monkeypatch, capsys):
    from lms.benchmarks import oversight

    monkeypatch.setattr(sys, "argv", ["oversight", "--rounds", "1", "--scale", "0.05"])
    oversight.main()
    printed = capsys.readouterr().out
    rows = [line.split() for line in printed.splitlines() if "/" in line and not line.startswith("page")]
    pages = {" ".join(row[:-6]): (row[-3], row[-1]) for row in rows}
    assert set(pages) == {"agency coverage", "dispatch roster", "state roll-up", "program dashboard",
                          "public directory"}
    assert all(small == large for small, large in pages.values()), pages


def test_the_load_benchmark_serves_both_applications_and_nothing_fails_under_load(monkeypatch, capsys):
    """Tiny states and one-second runs: every page and write path answers under concurrent load, none fails."""
    from lms.benchmarks import load

    database = ["--database-url", POSTGRES_URL] if POSTGRES_URL else []
    monkeypatch.setattr(sys, "argv", ["load", "--scales", "200,400", "--seconds", "1", "--rounds", "2", "--workers", "2",
                                      "--connections", "4", *database])
    load.main()
    printed = capsys.readouterr().out
    rows = [found.groups() for found in re.finditer(
        r"^  (.+?) +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +(\d+)(  \(.*\))?$", printed, re.M)]
    assert len(rows) == 2 * 11, printed  # both scales: the bare page, 7 pages, 3 write paths
    assert {"bare Flask page", "verification page", "state dashboard", "draft save (POST)",
            "exam submit (30 at once)"} <= {name for name, _, _ in rows}
    # No failed request anywhere. Draft saves alone may be told 409 "reload": two saves of the same evaluator's
    # sheet arriving at the same moment, the designed answer to a concurrent edit.
    for name, failed, codes in rows:
        if failed != "0":
            answered = dict(pair.split(":") for pair in codes.strip(" ()").split(","))
            assert name == "draft save (POST)" and set(answered) <= {"200", "409"}, printed
    assert "national (400) / state (200) p95, per page" in printed and "certificate PDF" in printed
    # Three bursts of submissions per scale, each counting an attempt it did not submit as a failure (above).
    assert len(re.findall(r"^  exam submit bursts, p95 ms: \d+ / \d+ / \d+$", printed, re.M)) == 2, printed


def test_the_load_benchmark_keeps_the_round_with_the_median_share_of_the_bare_page():
    from lms.benchmarks.load import _median_round
    from lms.benchmarks.serving import Measured

    def paired(page: int, bare: int):
        return Measured(page, 1.0, 1.0, 2.0, 0), Measured(bare, 1.0, 1.0, 2.0, 0)

    slow_spell, usual, quiet = paired(200, 1000), paired(600, 2000), paired(450, 1000)
    assert _median_round([quiet, slow_spell, usual]) == usual  # shares 0.45, 0.20, 0.30: the median is 0.30
