from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from comments.privacy import comments_of, erase_comments


class Command(BaseCommand):
    help = (
        "Erase every comment sent with an e-mail address (case ignored), at the commenter's "
        "request (GDPR art. 17): name, e-mail, website, signature, text and IP hash are blanked; "
        "the rows stay, so replies to them stay readable. Asks first unless --yes."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="The commenter's e-mail address.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email: str, yes: bool, **options) -> None:
        if "@" not in email:
            raise CommandError(f"{email!r} is not an e-mail address.")
        waiting = comments_of(email).filter(erased_at__isnull=True).count()
        if waiting == 0:
            self.stdout.write(f"No comments of {email} to erase.")
            return
        if not yes:
            answer = input(f"Erase {waiting} comment(s) of {email}? This cannot be undone. [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("Nothing erased.")
        erased = erase_comments(email)
        self.stdout.write(self.style.SUCCESS(f"{erased} comment(s) of {email} erased."))
