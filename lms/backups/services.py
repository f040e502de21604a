"""Backups that can be taken while the application writes, and restores into an empty database.

SQLite: the online backup API copies the database from one read snapshot, then `PRAGMA integrity_check` must
answer "ok". PostgreSQL: pg_dump (custom format) of the application's schema from a snapshot this process
exports, so the row counts written beside the backup are those of the dump itself. Every backup gets a
manifest (PATH.json): the format, the row count of every table and the audit chain's head. A restore refuses
a database that already holds tables, then checks the counts against the manifest and verifies the audit
chain."""
import json
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import re
import tempfile

from sqlalchemy import Connection, create_engine, inspect, make_url, text

from lms.extensions import db


class BackupError(RuntimeError):
    """A backup or restore that could not be completed safely."""


@dataclass(frozen=True)
class Manifest:
    format: str
    tables: dict[str, int]
    audit_seq: int
    audit_hash: str
    created_at: str

    @classmethod
    def read(cls, backup: Path) -> "Manifest":
        try:
            return cls(**json.loads(_manifest_path(backup).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as error:
            raise BackupError(f"{_manifest_path(backup)} is missing or unreadable: {error}") from error

    def write(self, backup: Path) -> None:
        _manifest_path(backup).write_text(json.dumps(self.__dict__, indent=2, sort_keys=True), encoding="utf-8")


def _manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def _tables(connection: Connection) -> list[str]:
    schema = connection.execute(text("SELECT current_schema()")).scalar() if connection.dialect.name == "postgresql" \
        else None
    return sorted(inspect(connection).get_table_names(schema=schema))


def _snapshot_facts(connection: Connection, backup_format: str) -> Manifest:
    tables = {name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
              for name in _tables(connection)}
    head = connection.execute(text("SELECT seq, last_hash FROM audit_chain_head WHERE id = 1")).one_or_none()
    return Manifest(backup_format, tables, head[0] if head else 0, head[1] if head else "",
                    datetime.now(UTC).isoformat(timespec="seconds"))


def _libpq(url) -> str:
    """The SQLAlchemy URL as a libpq connection string for pg_dump and pg_restore."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def backup(path: Path) -> Manifest:
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists already: choose a new file, a backup never overwrites one.")
    url = make_url(str(db.engine.url))
    if url.get_backend_name() == "sqlite":
        return _backup_sqlite(Path(url.database), path)
    if url.get_backend_name() == "postgresql":
        return _backup_postgres(url, path)
    raise BackupError(f"No backup method for {url.get_backend_name()}.")


def _backup_sqlite(source: Path, path: Path) -> Manifest:
    with sqlite3.connect(source) as live, sqlite3.connect(path) as copy:
        live.backup(copy)  # one step: a consistent snapshot even while other connections write
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        path.unlink(missing_ok=True)
        raise BackupError(f"The copy failed its integrity check: {verdict}")
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            manifest = _snapshot_facts(connection, "sqlite")
    finally:
        engine.dispose()
    manifest.write(path)
    return manifest


def _backup_postgres(url, path: Path) -> Manifest:
    with db.engine.connect() as connection:
        connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
        manifest = _snapshot_facts(connection, "postgresql")
        _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--schema={schema}", "--no-owner",
              f"--file={path}", _libpq(url)])
        connection.rollback()
    manifest.write(path)
    return manifest


def restore(path: Path) -> Manifest:
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup at {path}.")
    manifest = Manifest.read(path)
    url = make_url(str(db.engine.url))
    with db.engine.connect() as connection:
        present = _tables(connection)
    if present:
        raise BackupError(f"The database is not empty ({len(present)} tables): restore only into an empty one.")
    db.session.remove()
    if manifest.format == "sqlite" and url.get_backend_name() == "sqlite":
        db.engine.dispose()
        with sqlite3.connect(path) as copy, sqlite3.connect(url.database) as target:
            copy.backup(target)
    elif manifest.format == "postgresql" and url.get_backend_name() == "postgresql":
        _restore_postgres(url, path)
    else:
        raise BackupError(f"A {manifest.format} backup cannot be restored into {url.get_backend_name()}.")
    db.engine.dispose()
    with db.engine.connect() as connection:
        found = _snapshot_facts(connection, manifest.format)
    if found.tables != manifest.tables:
        wrong = {name: (manifest.tables.get(name), count) for name, count in found.tables.items()
                 if manifest.tables.get(name) != count}
        raise BackupError(f"Row counts differ from the backup's manifest (expected, found): {wrong}")
    if (found.audit_seq, found.audit_hash) != (manifest.audit_seq, manifest.audit_hash):
        raise BackupError("The audit chain's head differs from the backup's manifest.")
    return manifest


def _restore_postgres(url, path: Path) -> None:
    """pg_restore everything but the schema itself (it exists already, empty: public, or the one the
    connection's search_path names)."""
    contents = [line for line in _run(["pg_restore", "--list", str(path)]).splitlines()
                if not SCHEMA_ENTRY.match(line)]
    with tempfile.NamedTemporaryFile("w", suffix=".list") as listing:
        listing.write("\n".join(contents))
        listing.flush()
        _run(["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", f"--use-list={listing.name}",
              f"--dbname={_libpq(url)}", str(path)])


SCHEMA_ENTRY = re.compile(r"^\d+; \d+ \d+ SCHEMA ")


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PGCONNECT_TIMEOUT": "10"})
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:2000]}")
    return done.stdout
