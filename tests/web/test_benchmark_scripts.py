"""The benchmark scripts run end to end (with tiny numbers) and print their figures, so they never rot."""
import sys

from lms.benchmarks import draft_saves


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
    assert "ratio:" in printed and "verification page: 2 queries, JSON: 2 queries" in printed
