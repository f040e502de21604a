"""Benchmark: the oversight pages at two sizes, in the same run.

Small: a state of 100 officers in 10 agencies, plus one agency of 20. Large: the issue's figures, a state of
10,000 officers in 300 agencies, plus one agency of 2,000. Both are synthetic (lms.synthetic.state), each in a
database of its own. For each page it prints the median time at both sizes, their ratio, and the number of
queries at both sizes (which must not grow).

    python -m lms.benchmarks.oversight [--rounds 7] [--database-url URL --large-database-url URL] [--scale 1.0]

It never fails: it reports.
"""
import argparse
import statistics
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import event

from lms import create_app
from lms.benchmarks.draft_saves import _settings
from lms.benchmarks.load_world import PASSWORD, bench_account

SIZES = {"small": ((100, 10), 20), "large": ((10_000, 300), 2_000)}


def _world(app, state: tuple[int, int], agency_size: int) -> int:
    """The synthetic state and the one big agency; an administrator to read the pages. Returns the agency id."""
    from lms.accounts import passwords
    from lms.accounts.roles import Role
    from lms.extensions import db
    from lms.synthetic.batches import refresh_statistics
    from lms.synthetic.state import generate

    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        generate(*state, seed=7)
        agency_id = generate(agency_size, 1, seed=8).largest_agency_id
        bench_account(Role.ADMIN, name="Bench Administrator", email="admin@bench.test", officer_id="BR-AD-1",
                      hashed=passwords.hash_password(PASSWORD))
        db.session.commit()
        refresh_statistics()
        return agency_id


def _measure(app, agency_id: int, rounds: int) -> dict[str, tuple[float, int]]:
    from lms.extensions import db

    client = app.test_client()
    assert client.post("/login", data={"email": "admin@bench.test", "password": PASSWORD}).status_code == 302
    pages = {"agency coverage": f"/coverage/agencies/{agency_id}", "dispatch roster": f"/coverage/agencies/{agency_id}/roster",
             "state roll-up": "/coverage/", "program dashboard": "/program/", "public directory": "/directory/"}
    with app.app_context():
        engine = db.engine
    results = {}
    for name, url in pages.items():
        seen: list[str] = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        assert client.get(url).status_code == 200, url
        event.remove(engine, "before_cursor_execute", listener)
        timings = []
        for _ in range(rounds):
            began = time.perf_counter()
            client.get(url).close()
            timings.append(time.perf_counter() - began)
        results[name] = (statistics.median(timings), len(seen))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the large state (the suite's smoke test)")
    parser.add_argument("--database-url", help="an empty database for the small state")
    parser.add_argument("--large-database-url", help="an empty database for the large state")
    options = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    urls = {"small": options.database_url or f"sqlite:///{Path(folder.name) / 'small.db'}",
            "large": options.large_database_url or f"sqlite:///{Path(folder.name) / 'large.db'}"}
    found = {}
    sizes = dict(SIZES, large=((int(10_000 * options.scale), max(10, int(300 * options.scale))),
                               int(2_000 * options.scale)))
    for size, (state, agency_size) in sizes.items():
        # What it costs to compute each page: the coverage grid is not kept between reads here.
        app = create_app({**_settings(urls[size]), "KEEP_UNTIL_AUDITED_CHANGE": False})
        began = time.perf_counter()
        agency_id = _world(app, state, agency_size)
        print(f"{size}: {state[0]:,} officers in {state[1]} agencies and an agency of {agency_size:,}, "
              f"generated in {time.perf_counter() - began:.1f} s")
        found[size] = _measure(app, agency_id, options.rounds)
    print(f"\n{'page':20s} {'small ms':>9s} {'large ms':>9s} {'ratio':>6s} {'queries small/large':>20s}")
    for page, (small, small_queries) in found["small"].items():
        large, large_queries = found["large"][page]
        print(f"{page:20s} {small * 1000:9.1f} {large * 1000:9.1f} {large / small:6.2f} "
              f"{small_queries:>10d} / {large_queries:<8d}")
    folder.cleanup()


if __name__ == "__main__":
    main()
