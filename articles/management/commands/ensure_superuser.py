from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create or update the superuser named by DJANGO_SUPERUSER_USERNAME / _PASSWORD / _EMAIL. "
        "Does nothing when they are not set, so `make run` can always call it."
    )

    def handle(self, *args, **options) -> None:
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "").strip()
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "").strip()
        if not username:
            self.stdout.write(
                "No DJANGO_SUPERUSER_USERNAME set; create an admin account with "
                "`DEBUG=1 .venv/bin/python manage.py createsuperuser`."
            )
            return
        if not password:
            raise CommandError(
                "DJANGO_SUPERUSER_USERNAME is set but DJANGO_SUPERUSER_PASSWORD is not."
            )
        user, created = get_user_model().objects.get_or_create(username=username)
        user.email = email or user.email
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} superuser {username!r}."))
