"""The enumerations an article's columns take their values from: each has one source, and
constraints, forms and settings derive from it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.editions import default_edition

# The one list of languages is settings.LANGUAGES: an article is written in one of them.
Language = models.TextChoices(
    "Language", [(code.upper(), (code, name)) for code, name in settings.LANGUAGES]
)


def default_language() -> str:
    """New articles start in the site's own language (``LANGUAGE_CODE``)."""
    return default_edition()


class Status(models.TextChoices):
    """Where an article stands: draft → in review → published → archived (and back).

    "Scheduled" is not a status of its own: it is *published* with a publish date still to come.
    """

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class State(models.TextChoices):
    """What editors see in lists and on the dashboard: the status, with *scheduled* told apart."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")
