"""`manage.py backup` / `restore` bring back what readers saw: the article's text, its approved
comment and its cover image, after all three were changed or deleted.

On PostgreSQL the commands run in this process against pytest-django's test database, with the
real pg_dump and pg_restore. The SQLite tests run `manage.py` as an operator does, in a
process of its own on a database file (the suite's own SQLite database lives in memory).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles import services
from articles.caching import content_generation
from articles.models import Article
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, SuperuserFactory, image_file

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = "The original text, as the readers knew it."
COMMENT = "A comment worth keeping."
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def only_backup_in(folder: Path) -> Path:
    (backup,) = folder.iterdir()
    return backup


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL round trip: needs DATABASE_URL postgres")
@pytest.mark.django_db(transaction=True)
def test_postgres_backup_and_restore_bring_back_article_comment_and_cover(tmp_path, client):
    article = ArticleFactory(
        title="Backups that work", body=ORIGINAL, cover_image=image_file(), cover_alt="A cover"
    )
    CommentFactory(article=article, body=COMMENT, status=Comment.Status.APPROVED)
    cover = Path(article.cover_image.path)
    cover_bytes = cover.read_bytes()
    out = StringIO()
    call_command("backup", dir=str(tmp_path / "backups"), stdout=out)
    assert "Backup complete" in out.getvalue()
    backup = only_backup_in(tmp_path / "backups")

    Comment.objects.filter(article=article).delete()
    article.body = "Edited after the backup."
    # Not an Editor: a transactional test may run after another one's flush, which empties
    # the groups the roles migration made.
    services.article_save(article=article, authors=article.ordered_authors, by=SuperuserFactory())
    cover.unlink()

    generation = content_generation()
    call_command("restore", str(backup), yes=True, stdout=out)

    assert content_generation() != generation  # what the cache kept is stale now
    restored = Article.objects.get(pk=article.pk)
    assert restored.body == ORIGINAL
    assert list(restored.comments.values_list("body", flat=True)) == [COMMENT]
    assert cover.read_bytes() == cover_bytes
    page = client.get(restored.get_absolute_url())
    assert page.status_code == 200
    assert ORIGINAL in page.content.decode() and COMMENT in page.content.decode()
    assert "manage.py migrate" in out.getvalue()


@pytest.mark.skipif(not ON_POSTGRES, reason="pg_dump is used on PostgreSQL only")
@pytest.mark.django_db
def test_backup_without_pg_dump_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH on which no pg_dump is found

    with pytest.raises(CommandError, match="pg_dump was not found.*postgresql-client"):
        call_command("backup", dir=str(tmp_path / "backups"), stdout=StringIO())
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


# --- SQLite, through manage.py in a process of its own --------------------------------------

MAKE_CONTENT = f"""
from tests.factories import ArticleFactory, CommentFactory, image_file
article = ArticleFactory(title="Backups that work", body={ORIGINAL!r},
                         cover_image=image_file(), cover_alt="A cover")
CommentFactory(article=article, body={COMMENT!r})
"""
CHANGE_CONTENT = """
from articles import services
from articles.models import Article
from tests.factories import EditorUserFactory
article = Article.objects.get()
article.comments.all().delete()
article.body = "Edited after the backup."
services.article_save(article=article, authors=article.ordered_authors, by=EditorUserFactory())
"""
SHOW_CONTENT = """
import json
from articles.models import Article
article = Article.objects.get()
print(json.dumps({"body": article.body, "cover": article.cover_image.path,
                  "comments": list(article.comments.values_list("body", flat=True))}))
"""


class Site:
    """A site on a SQLite file with its own media and backup folders."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.env = {
            key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "CI")
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="config.settings_test",
            DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
            MEDIA_ROOT=str(folder / "media"),
            BACKUP_DIR=str(folder / "backups"),
        )

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def state(self) -> dict:
        return json.loads(self.manage("shell", "-c", SHOW_CONTENT).stdout.splitlines()[-1])

    def backup(self) -> Path:
        self.manage("backup")
        return only_backup_in(self.folder / "backups")

    def existing_backup(self) -> Path:
        """The backup an earlier test made (or a new one when this test runs alone)."""
        folder = self.folder / "backups"
        return only_backup_in(folder) if folder.exists() else self.backup()


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("sqlite-site"))
    site.manage("migrate", "--noinput", "-v", "0")
    site.manage("shell", "-c", MAKE_CONTENT)
    return site


def test_sqlite_backup_and_restore_bring_back_article_comment_and_cover(sqlite_site):
    before = sqlite_site.state()
    cover = Path(before["cover"])
    cover_bytes = cover.read_bytes()
    backup = sqlite_site.backup()

    sqlite_site.manage("shell", "-c", CHANGE_CONTENT)
    cover.unlink()
    assert sqlite_site.state()["comments"] == []

    result = sqlite_site.manage("restore", str(backup), "--yes")

    assert sqlite_site.state() == before == {**before, "body": ORIGINAL, "comments": [COMMENT]}
    assert cover.read_bytes() == cover_bytes
    assert "manage.py migrate" in result.stdout


def test_restore_without_yes_changes_nothing_and_says_what_it_would_replace(sqlite_site):
    backup = sqlite_site.existing_backup()
    sqlite_site.manage("shell", "-c", CHANGE_CONTENT)
    changed = sqlite_site.state()

    result = sqlite_site.manage("restore", str(backup), check=False)

    assert result.returncode != 0
    assert "replaces the whole sqlite database" in result.stdout
    assert "--yes" in result.stderr and "Traceback" not in result.stderr
    assert sqlite_site.state() == changed


def test_tampered_backup_is_refused_and_nothing_changes(sqlite_site, tmp_path):
    backup = sqlite_site.existing_backup()
    tampered = tmp_path / backup.name
    subprocess.run(["cp", "-a", str(backup), str(tampered)], check=True)
    with (tampered / "database.sqlite3").open("r+b") as dump:
        dump.seek(4096)
        dump.write(b"changed by someone")
    before = sqlite_site.state()
    media_before = sorted(p.name for p in (sqlite_site.folder / "media").rglob("*"))

    result = sqlite_site.manage("restore", str(tampered), "--yes", check=False)

    assert result.returncode != 0
    assert (
        "does not match its checksum" in result.stderr and "Nothing was restored" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert sqlite_site.state() == before
    assert sorted(p.name for p in (sqlite_site.folder / "media").rglob("*")) == media_before


def test_backup_into_an_unwritable_place_is_a_clear_error(sqlite_site, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")

    result = sqlite_site.manage("backup", "--dir", str(blocker / "backups"), check=False)

    assert result.returncode != 0
    assert "Cannot write the backup into" in result.stderr and "Traceback" not in result.stderr


def test_a_backup_is_readable_by_its_owner_only(sqlite_site):
    """The dump holds password hashes and readers' e-mail addresses: no other user of the
    server may read it."""
    backup = sqlite_site.existing_backup()

    assert backup.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    "entry", ["media/../../outside.txt", "/etc/cron.d/evil", "elsewhere/x.txt", "media/link"]
)
def test_a_media_archive_reaching_outside_media_root_is_refused_before_anything_changes(
    sqlite_site, tmp_path, entry
):
    backup = sqlite_site.existing_backup()
    forged = tmp_path / backup.name
    subprocess.run(["cp", "-a", str(backup), str(forged)], check=True)
    archive = forged / "media.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        member = tarfile.TarInfo(entry)
        if entry.endswith("link"):
            member.type, member.linkname = tarfile.SYMTYPE, "/etc/passwd"
            tar.addfile(member)
        else:
            member.size = 4
            tar.addfile(member, io.BytesIO(b"evil"))
    manifest = json.loads((forged / "manifest.json").read_text())
    manifest["files"]["media.tar.gz"] = {
        "size": archive.stat().st_size,
        "sha256": hashlib.sha256(archive.read_bytes()).hexdigest(),
    }
    (forged / "manifest.json").write_text(json.dumps(manifest))
    before = sqlite_site.state()

    result = sqlite_site.manage("restore", str(forged), "--yes", check=False)

    assert result.returncode != 0
    assert "unsafe entry" in result.stderr and "Traceback" not in result.stderr
    assert sqlite_site.state() == before
    assert not (tmp_path.parent / "outside.txt").exists()
