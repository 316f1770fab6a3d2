from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comments.privacy import clear_ip_hashes


class Command(BaseCommand):
    help = (
        "Blank the IP hash of comments older than --days (default COMMENT_IP_HASH_DAYS). "
        "Idempotent: run it daily (cron, systemd timer)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Age in days (default: the COMMENT_IP_HASH_DAYS setting).",
        )

    def handle(self, *args, days: int | None, **options) -> None:
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more.")
        days = settings.COMMENT_IP_HASH_DAYS if days is None else days
        cleared = clear_ip_hashes(days)
        self.stdout.write(f"IP hashes cleared on {cleared} comment(s) older than {days} days.")
