from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from comments.privacy import export_comments


class Command(BaseCommand):
    help = (
        "Write every comment sent with an e-mail address (case ignored) as JSON: to stdout, "
        "or to --output FILE. For a commenter's request for their data (GDPR art. 15)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="The commenter's e-mail address.")
        parser.add_argument("--output", "-o", help="Write to this file instead of stdout.")

    def handle(self, *args, email: str, output: str | None, **options) -> None:
        if "@" not in email:
            raise CommandError(f"{email!r} is not an e-mail address.")
        comments = export_comments(email)
        data = json.dumps(comments, ensure_ascii=False, indent=2)
        if output:
            Path(output).write_text(data + "\n", encoding="utf-8")
            self.stderr.write(f"{len(comments)} comment(s) of {email} written to {output}.")
        else:
            self.stdout.write(data)
