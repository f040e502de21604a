"""Benchmark: rendering a certificate PDF against a minimal one-page WeasyPrint document rendered in the same
run (WeasyPrint imported once), and the queries the public verification page and JSON take.

    python -m lms.benchmarks.certificates [--rounds 15]

Prints the medians, the ratio (the goal is under 1.5) and the query counts (the goal is at most 2; one each once the process has read the public keys).
"""
import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import event

from lms import create_app
from lms.config import TestConfig

MINIMAL = "<!doctype html><html lang=en><title>Minimal</title><p>One page.</p></html>"


def sample_certificate(**changes):
    """An unsaved certificate with every fact filled in (the tests render it too)."""
    from lms.certificates.models import Certificate

    facts = dict(number="UT-CIT-2026-000001", code="b" * 32, kind="certification", person_id=1,
                 holder_name="Morgan Officer", officer_id="UT-104233", agency_name="Cedar Hollow Police Department",
                 course_slug="cit-advanced", course_title="Crisis Intervention Team (CIT) advanced course",
                 course_version="2026.1+0123456789ab", hours=40.0, certified_on=date(2026, 11, 24),
                 issued_on=date(2026, 11, 24), expires_on=date(2028, 11, 24), valid_until=date(2028, 11, 24),
                 issuer="State CIT Program", signatory="Director, State CIT Program", status="active",
                 status_changed_on=date(2026, 11, 24), status_index=7)
    return Certificate(**(facts | changes))


def _median_seconds(actions, rounds: int) -> list[float]:
    """Each action's median time over the rounds, the actions taking turns within each round, so that a slower
    or faster spell of the (shared) machine falls on all of them alike."""
    timings = [[] for _ in actions]
    for _ in range(rounds):
        for action, times in zip(actions, timings):
            began = time.perf_counter()
            action()
            times.append(time.perf_counter() - began)
    return [statistics.median(times) for times in timings]


def _queries(app, client, url: str) -> int:
    from lms.extensions import db

    with app.app_context():
        engine = db.engine
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(seen)


def render_times(rounds: int) -> tuple[float, float, float]:
    """Median seconds to render the minimal page, the certificate, and (for context) the minimal page sharing
    the certificate's font configuration; WeasyPrint warmed up on each first."""
    from weasyprint import HTML

    from lms.certificates import pdf

    app = create_app({key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()})
    with app.app_context():
        certificate = sample_certificate()
        HTML(string=MINIMAL).write_pdf()  # warm both paths once: fonts, imports, caches
        pdf.render(certificate)
        fonts = pdf._renderer()["fonts"]
        return tuple(_median_seconds([lambda: HTML(string=MINIMAL).write_pdf(), lambda: pdf.render(certificate),
                                      lambda: HTML(string=MINIMAL).write_pdf(font_config=fonts)], rounds))


def _verification_queries() -> tuple[int, int]:
    """Queries of the verification page and of its JSON, for a stored certificate."""
    from lms.certificates import signing
    from lms.extensions import db
    from lms.people import services as people

    folder = tempfile.TemporaryDirectory()
    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    settings["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(folder.name) / 'bench.db'}"
    app = create_app(settings)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        certificate = sample_certificate()
        certificate.person_id = people.create_person(legal_name="Morgan Officer", email="morgan@bench.test",
                                                     officer_id="UT-104233").id
        certificate.credential = signing.sign({"demo": True})
        certificate.pdf, certificate.pdf_sha256 = b"%PDF", "0" * 64
        db.session.add(certificate)
        db.session.commit()
    client = app.test_client()
    counts = _queries(app, client, "/verify/" + "b" * 32), _queries(app, client, "/verify/" + "b" * 32 + ".json")
    with app.app_context():
        db.engine.dispose()
    folder.cleanup()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    options = parser.parse_args()
    minimal, full, shared = render_times(options.rounds)
    page_queries, json_queries = _verification_queries()
    print(f"minimal one-page PDF: median {minimal * 1000:.1f} ms")
    print(f"certificate PDF:      median {full * 1000:.1f} ms")
    print(f"ratio:                {full / minimal:.2f}x (goal: under 1.5)")
    print(f"for context, the minimal page sharing the certificate's font configuration: {shared * 1000:.1f} ms "
          f"({full / shared:.2f}x)")
    print(f"verification page: {page_queries} queries, JSON: {json_queries} queries (goal: at most 2)")


if __name__ == "__main__":
    main()
