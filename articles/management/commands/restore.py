"""`manage.py restore PATH --yes`: put a backup made by `manage.py backup` back in place.

Everything is checked before anything is touched: the manifest, the engine (a PostgreSQL dump
does not go into SQLite), every file's sha256, and every member of the media archive (no
absolute paths, no ``..``, no links or devices). Without ``--yes`` it stops there and says what
it would replace. Then, in an order that never leaves a half-written state behind:

1. the media archive is unpacked beside MEDIA_ROOT (nothing live changes yet);
2. the database is restored: PostgreSQL with ``pg_restore --clean --if-exists --no-owner
   --single-transaction`` (all or nothing), SQLite by copying the saved file over the live one
   with the online backup API (one step, under SQLite's own lock);
3. the unpacked folder is renamed into MEDIA_ROOT's place and the old one removed.

Afterwards `manage.py migrate` brings the schema up to the code, when the code is newer than
the backup.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tarfile
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.caching import content_changed
from articles.management.commands.backup import (
    DUMP_FILES,
    FORMAT,
    MANIFEST,
    MEDIA_ARCHIVE,
    MEDIA_PREFIX,
    database_engine,
    run_postgres,
    sha256,
    sqlite_path,
)


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise CommandError(f"{folder} is not a backup: it has no {MANIFEST}.") from None
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read {path}: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CommandError(f"{path} is not a manifest this version understands.")
    return manifest


def check_files(folder: Path, manifest: dict[str, Any], engine: str) -> None:
    """Every file the restore needs is listed, present, and has its recorded size and sha256."""
    files = manifest.get("files", {})
    for name in (DUMP_FILES[engine], MEDIA_ARCHIVE):
        entry = files.get(name)
        path = folder / name
        if not entry:
            raise CommandError(f"{MANIFEST} does not list {name}: nothing was restored.")
        try:
            matches = path.stat().st_size == entry["size"] and sha256(path) == entry["sha256"]
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        if not matches:
            raise CommandError(
                f"{path} does not match its checksum in {MANIFEST}: the backup is damaged or "
                "was changed. Nothing was restored."
            )


def safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """The archive's members, refused whole if any could land outside the media folder."""
    members = archive.getmembers()
    for member in members:
        parts = PurePosixPath(member.name).parts
        if (
            member.name.startswith(("/", "\\"))
            or ".." in parts
            or not parts
            or parts[0] != MEDIA_PREFIX
            or not (member.isfile() or member.isdir())
        ):
            raise CommandError(
                f"{MEDIA_ARCHIVE} holds an unsafe entry ({member.name!r}): nothing was restored."
            )
    return members


def unpack_media(archive_path: Path, staging: Path) -> int:
    """Unpack into ``staging`` (beside MEDIA_ROOT); returns the number of files."""
    with tarfile.open(archive_path, "r:gz") as archive:
        members = safe_members(archive)
        staging.mkdir(parents=True)
        # The data filter (Python 3.11.4+) repeats the checks above inside tarfile itself.
        extra = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(staging, members=members, **extra)
    return sum(member.isfile() for member in members)


def restore_database(engine: str, dump: Path) -> None:
    connection.close()  # no open transaction or lock of ours in the way
    if engine == "postgresql":
        run_postgres(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ],
        )
        return
    # immutable: reading the saved copy writes nothing beside it (the backup may be read-only).
    saved = sqlite3.connect(f"{dump.resolve().as_uri()}?immutable=1", uri=True)
    live = sqlite3.connect(sqlite_path())
    try:
        saved.backup(live)
    finally:
        live.close()
        saved.close()


def swap_in(unpacked: Path, media_root: Path, stamp: str) -> None:
    """Rename the unpacked folder into MEDIA_ROOT's place (renames, so never half-written)."""
    old = media_root.with_name(f".{media_root.name}.before-restore-{stamp}")
    if media_root.exists():
        media_root.rename(old)
    unpacked.rename(media_root)
    shutil.rmtree(old, ignore_errors=True)


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: checks its manifest and checksums, then "
        "replaces the whole database and MEDIA_ROOT. Refuses without --yes (and then only says "
        "what it would replace)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="The backup folder, e.g. backups/20260101T120000Z.")
        parser.add_argument(
            "--yes", action="store_true", help="Really replace the database and media files."
        )

    def handle(self, *args: Any, path: str, yes: bool, **options: Any) -> None:
        folder = Path(path)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder (or cannot be read).")
        manifest = read_manifest(folder)
        engine = database_engine()
        saved_engine = manifest.get("database", {}).get("engine")
        if saved_engine != engine:
            raise CommandError(
                f"The backup holds a {saved_engine} database; this site runs on {engine}."
            )
        check_files(folder, manifest, engine)
        media_root = Path(settings.MEDIA_ROOT)
        target = f"{engine} database {connection.settings_dict['NAME']!s}"
        self.stdout.write(
            f"Backup {folder} from {manifest.get('created')}: checksums match.\n"
            f"It replaces the whole {target} and the media folder {media_root}."
        )
        if not yes:
            raise CommandError(
                "Nothing was changed. To go ahead: manage.py restore "
                f"{folder} --yes (or make restore BACKUP={folder} YES=1)."
            )
        self._restore(folder, engine, media_root)
        self._next_steps()

    def _restore(self, folder: Path, engine: str, media_root: Path) -> None:
        stamp = folder.resolve().name
        staging = media_root.with_name(f".{media_root.name}.restoring-{stamp}")
        shutil.rmtree(staging, ignore_errors=True)  # left over from a restore that died
        try:
            self.stdout.write(f"1/3 Unpacking {MEDIA_ARCHIVE} beside {media_root} ...")
            count = unpack_media(folder / MEDIA_ARCHIVE, staging)
            self.stdout.write(f"    {count} files")
            self.stdout.write(f"2/3 Restoring the database ({engine}) ...")
            restore_database(engine, folder / DUMP_FILES[engine])
        except (OSError, sqlite3.Error, tarfile.TarError) as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise CommandError(f"The restore failed, nothing was changed: {error}") from error
        except CommandError:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self.stdout.write(f"3/3 Putting the media folder in place ({media_root}) ...")
        try:
            swap_in(staging / MEDIA_PREFIX, media_root, stamp)
        except OSError as error:
            raise CommandError(
                f"The database was restored, but the media folder could not be moved into "
                f"place: {error}. The restored files are in {staging / MEDIA_PREFIX}."
            ) from error
        shutil.rmtree(staging, ignore_errors=True)
        # What the cache keeps (header menus, anything kept under the content generation) was
        # made from the replaced rows: moving the generation on makes it all stale at once, as
        # the write path does after a save.
        content_changed()

    def _next_steps(self) -> None:
        self.stdout.write(self.style.SUCCESS("Restore complete."))
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        state = (
            f"{len(pending)} migrations of the code are not in the backup yet"
            if pending
            else "the schema already matches the code"
        )
        self.stdout.write(
            f"Next: run `manage.py migrate` ({state}). What the cache kept from before the "
            "restore is no longer used (the content generation moved on)."
        )
