"""`manage.py backup`: the database and MEDIA_ROOT, copied into one folder with a manifest.

A backup is ``BACKUP_DIR/<UTC timestamp>/`` (BACKUP_DIR from the environment, default
``backups/`` in the project) holding the database dump, ``media.tar.gz`` and
``manifest.json`` (when, which engine, the migrations applied per app, and each file's size
and sha256, which `manage.py restore` checks before it touches anything).

Both dumps are consistent while the site runs: pg_dump reads one snapshot of the whole
database, and SQLite's online backup API copies a WAL-mode file without stopping writers.
The folder is written as ``<stamp>.partial`` and renamed when complete, so a backup that died
half-way never looks like one. Passwords reach pg_dump through PGPASSWORD, never its
command line (where ``ps`` would show them). Runs in English, as Django's own commands do.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
# The folder name inside media.tar.gz: members are media/<path below MEDIA_ROOT>.
MEDIA_PREFIX = "media"
DUMP_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
FORMAT = 1


def backup_root(explicit: str | None = None) -> Path:
    """Where backups go: the --dir option, else BACKUP_DIR, else backups/ in the project."""
    chosen = explicit or os.environ.get("BACKUP_DIR") or "backups"
    path = Path(chosen)
    return path if path.is_absolute() else Path(settings.BASE_DIR) / path


def database_engine() -> str:
    """ "postgresql" or "sqlite" for the default database; anything else is refused."""
    vendor = connection.vendor
    if vendor not in DUMP_FILES:
        raise CommandError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def sqlite_path() -> Path:
    """The SQLite database file; an in-memory database has none to back up or restore."""
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise CommandError("The database is an in-memory SQLite database: there is no file.")
    return Path(name)


def postgres_command(program: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that connect ``program`` (pg_dump, pg_restore) to the
    default database, as Django connects. The password goes into PGPASSWORD only."""
    executable = shutil.which(program)
    if executable is None:
        raise CommandError(
            f"{program} was not found on PATH: install the PostgreSQL client tools of the "
            "server's major version (Debian/Ubuntu: apt-get install postgresql-client)."
        )
    db = connection.settings_dict
    args = [executable, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args.append(f"{flag}={db[key]}")
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = str(db["OPTIONS"]["sslmode"])
    return args, env


def run_postgres(program: str, args: list[str]) -> None:
    """Run pg_dump / pg_restore; a failure becomes a CommandError carrying its own message
    (a server newer than the tools says so here: install the matching client version)."""
    command, env = postgres_command(program)
    try:
        result = subprocess.run(command + args, env=env, capture_output=True, text=True)
    except OSError as error:
        raise CommandError(f"Could not run {program}: {error}") from error
    if result.returncode != 0:
        message = result.stderr.strip() or f"exit status {result.returncode}"
        raise CommandError(f"{program} failed: {message}")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def migration_heads() -> dict[str, str]:
    """Per app, the last migration applied to this database (what the dump's schema is)."""
    loader = MigrationLoader(connection)
    applied = set(loader.applied_migrations)
    heads = {}
    for app, name in sorted(applied):
        node = loader.graph.node_map.get((app, name))
        children = node.children if node is not None else set()
        if not any(child[0] == app and child in applied for child in children):
            heads[app] = name
    return heads


def dump_database(engine: str, target: Path) -> None:
    if engine == "postgresql":
        run_postgres(
            "pg_dump",
            ["--format=custom", f"--file={target}", f"--dbname={connection.settings_dict['NAME']}"],
        )
        return
    path = sqlite_path()
    if not path.is_file():
        raise CommandError(f"The SQLite database {path} does not exist: nothing to back up.")
    source = sqlite3.connect(path)
    copy = sqlite3.connect(target)
    try:
        # One step (pages=-1): the copy is one consistent snapshot, even while the site writes.
        source.backup(copy)
        # A self-contained file: no -wal/-shm beside it when it is opened again.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
        source.close()


def archive_media(media_root: Path, target: Path) -> int:
    """Pack MEDIA_ROOT (an absent one packs as an empty folder); returns the number of files."""
    count = 0
    with tarfile.open(target, "w:gz") as archive:
        top = tarfile.TarInfo(MEDIA_PREFIX)
        top.type, top.mode, top.mtime = tarfile.DIRTYPE, 0o755, int(datetime.now(UTC).timestamp())
        archive.addfile(top)
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_symlink() or not (path.is_file() or path.is_dir()):
                    continue  # links and devices would not come back as what they point at
                archive.add(path, f"{MEDIA_PREFIX}/{path.relative_to(media_root)}", False)
                count += path.is_file()
    return count


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's online backup) and MEDIA_ROOT into "
        "BACKUP_DIR/<UTC timestamp>/ with a manifest of checksums. Safe while the site runs. "
        "Restore with `manage.py restore PATH --yes`."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dir",
            help="Folder that receives the backup folder (default: BACKUP_DIR, else backups/).",
        )

    def handle(self, *args: Any, dir: str | None = None, **options: Any) -> None:
        engine = database_engine()
        root = backup_root(dir)
        created = datetime.now(UTC).replace(microsecond=0)
        final = root / created.strftime("%Y%m%dT%H%M%SZ")
        partial = final.with_name(final.name + ".partial")
        if final.exists() or partial.exists():
            raise CommandError(f"{final} exists already: wait a second and run again.")
        try:
            # Readable by this user only: the dump holds password hashes and readers' e-mails.
            partial.mkdir(parents=True, mode=0o700)
        except OSError as error:
            raise CommandError(f"Cannot write the backup into {root}: {error}") from error
        try:
            manifest = self._write(engine, partial, created)
            partial.rename(final)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        total = sum(entry["size"] for entry in manifest["files"].values())
        self.stdout.write(self.style.SUCCESS(f"Backup complete: {final} ({human_size(total)})."))
        self.stdout.write(f"Restore it with: manage.py restore {final} --yes")

    def _write(self, engine: str, folder: Path, created: datetime) -> dict[str, Any]:
        dump = folder / DUMP_FILES[engine]
        self.stdout.write(f"1/3 Database ({engine}, {connection.settings_dict['NAME']}) ...")
        try:
            dump_database(engine, dump)
            self.stdout.write(f"    {dump.name}: {human_size(dump.stat().st_size)}")
            media_root = Path(settings.MEDIA_ROOT)
            self.stdout.write(f"2/3 Media files ({media_root}) ...")
            count = archive_media(media_root, folder / MEDIA_ARCHIVE)
            archive_size = (folder / MEDIA_ARCHIVE).stat().st_size
            self.stdout.write(f"    {MEDIA_ARCHIVE}: {count} files, {human_size(archive_size)}")
            self.stdout.write("3/3 Manifest and checksums ...")
            manifest = {
                "format": FORMAT,
                "created": created.isoformat(),
                "database": {"engine": engine, "name": str(connection.settings_dict["NAME"])},
                "migrations": migration_heads(),
                "files": {
                    path.name: {"size": path.stat().st_size, "sha256": sha256(path)}
                    for path in (dump, folder / MEDIA_ARCHIVE)
                },
            }
            (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        except (OSError, sqlite3.Error, tarfile.TarError) as error:
            raise CommandError(f"The backup failed: {error}") from error
        return manifest
