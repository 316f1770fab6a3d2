"""The article: its text, byline, tags, cover, and where it stands in the editorial workflow.

Writes go through ``articles/services.py``; ``Article.save()`` keeps only what follows from the
row itself (slug, rendered body, reading time).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Prefetch, Q, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit
from markdownx.models import MarkdownxField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from articles.editions import edition_reverse, reserved_slugs
from articles.markdown import reading_minutes, render_markdown

# default_language stays importable from here: the migrations name it as the field default.
from articles.models.choices import Language, State, Status, default_language  # noqa: F401
from articles.models.structure import Book, Series, TranslationGroup
from articles.models.taxonomy import Author, Category, EditionPages, Tag
from articles.slugs import unique_slug


class TaggedArticle(TaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="taggings")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]


# Columns with writers of their own that saving the article never overwrites: the view count
# (article_record_view) and the search vector (articles/search.py, after every write).
COUNTER_FIELDS = frozenset({"view_count", "search_vector"})
# Columns Article.fill_derived_fields computes from what the editor wrote.
DERIVED_FIELDS = frozenset({"slug", "body_html", "reading_time"})


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        """What readers may see: published, and the publish date has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def reachable(self) -> ArticleQuerySet:
        """What answers at its address: public articles, and archived ones (with a note)."""
        return self.filter(
            Q(status=Status.PUBLISHED, published_at__lte=timezone.now()) | Q(status=Status.ARCHIVED)
        )

    def scheduled(self) -> ArticleQuerySet:
        """Published with a publish date still to come: they go live by themselves."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def bylined(self, user) -> ArticleQuerySet:
        """Articles whose byline holds the author record of ``user``."""
        return self.filter(authorships__author__user=user)

    def for_listing(self) -> ArticleQuerySet:
        """Everything a teaser or an article page shows, in a fixed number of queries."""
        return self.select_related("category").prefetch_related(*listing_prefetches())

    def teasers(self) -> ArticleQuerySet:
        """For lists and cards: everything but the text itself (a long read's body, its HTML
        and its search vector are most of a row, and a card never shows them)."""
        return self.defer("body", "body_html", "search_vector")

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-pk")

    def with_translation_state(self) -> ArticleQuerySet:
        """``translation_outdated_since``: when the original of an article's translation group
        changed its text after this translation's text last changed (or after an editor
        last checked it against the original); None when it is not outdated or no
        translation. A join, no extra query."""
        own = Greatest(
            Coalesce("text_changed_at", "created_at"),
            Coalesce("translation_checked_at", "text_changed_at", "created_at"),
        )
        original_changed = F("translation_group__original__text_changed_at")
        return self.annotate(
            translation_outdated_since=Case(
                When(
                    Q(translation_group__original__isnull=False)
                    & ~Q(translation_group__original=F("pk"))
                    & Q(translation_group__original__text_changed_at__gt=own),
                    then=original_changed,
                ),
                default=None,
                output_field=models.DateTimeField(),
            )
        )


def listing_prefetches() -> list:
    """The byline (authors in order) and the tags, as every article page and teaser shows them.

    ``prefetch_related_objects(articles, *listing_prefetches())`` loads them for articles that
    were fetched without ``for_listing()``; what is already loaded is not fetched again.
    """
    return [
        Prefetch(
            "authorships",
            queryset=ArticleAuthor.objects.select_related("author").order_by("position"),
        ),
        "tags",
    ]


class Article(EditionPages, models.Model):
    Language = Language
    Status = Status
    State = State

    title = models.CharField(
        _("title"), max_length=200, help_text=_("The headline readers see on lists and the page.")
    )
    slug = models.SlugField(
        _("slug"), max_length=100, blank=True,
        help_text=_(
            "Part of the address; unique per language; filled in from the title. Changing it "
            "on a public article keeps the old address working (it redirects)."
        ),
    )  # fmt: skip
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=default_language,
        help_text=_("The language the article is written in."),
    )  # fmt: skip
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists and search results.")
    )
    body = MarkdownxField(_("body"), help_text=_("Markdown; the preview shows what readers see."))
    body_html = models.TextField(editable=False, default="")
    reading_time = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), editable=False, default=1
    )
    authors = models.ManyToManyField(
        Author, through="ArticleAuthor", related_name="articles", verbose_name=_("authors")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category"),
        help_text=_("The section the article appears in."),
    )  # fmt: skip
    tags = TaggableManager(
        through=TaggedArticle, blank=True, verbose_name=_("tags"),
        help_text=_("Comma-separated; new tags are created on save."),
    )  # fmt: skip
    cover_image = models.ImageField(
        _("cover image"), upload_to="covers/%Y/%m/", blank=True,
        width_field="cover_width", height_field="cover_height",
        help_text=_("JPEG, PNG or WebP; re-encoded on upload, metadata removed."),
    )  # fmt: skip
    # Stored on upload so pages can reserve the image's space without opening the file.
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # For the editors' lists: made by django-imagekit when the cover is saved (articles/
    # renditions.py), kept in MEDIA_ROOT/CACHE.
    cover_thumbnail = ImageSpecField(
        source="cover_image", processors=[ResizeToFill(160, 90)], format="JPEG",
        options={"quality": 80},
    )  # fmt: skip
    # For previews on social networks (Open Graph, articles/seo.py): 1200 px wide, never
    # enlarged; a JPEG, which every network shows. Made with the thumbnail.
    cover_social = ImageSpecField(
        source="cover_image", processors=[ResizeToFit(width=1200, upscale=False)],
        format="JPEG", options={"quality": 85},
    )  # fmt: skip
    cover_alt = models.CharField(
        _("cover alt text"), max_length=250, blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )  # fmt: skip
    cover_credit = models.CharField(
        _("cover credit"), max_length=250, blank=True,
        help_text=_('Who made the image, e.g. "Anna Berg". Shown as "Cover image: Anna Berg".'),
    )  # fmt: skip
    series = models.ForeignKey(
        Series, verbose_name=_("series"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="parts", help_text=_("The series this article is a part of, if any."),
    )  # fmt: skip
    series_part = models.PositiveSmallIntegerField(
        _("part"), null=True, blank=True,
        help_text=_("Its number in the series: 2 is shown as “Part 2 of 3”."),
    )  # fmt: skip
    book = models.ForeignKey(
        Book, verbose_name=_("book on the topic"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="articles",
        help_text=_("Shown in a box under the article."),
    )  # fmt: skip
    translation_group = models.ForeignKey(
        TranslationGroup, verbose_name=_("translations"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="articles", editable=False,
    )  # fmt: skip
    # When the text (title, summary, body) last changed: a translation saved before another
    # version of it changed is flagged as possibly outdated.
    text_changed_at = models.DateTimeField(_("text changed"), null=True, editable=False)
    # When an editor confirmed that this translation still matches its original.
    translation_checked_at = models.DateTimeField(
        _("translation checked"), null=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
        help_text=_("Changed with the workflow buttons: submit, publish, send back, archive."),
    )  # fmt: skip
    published_at = models.DateTimeField(
        _("publish date"), null=True, blank=True, db_index=True,
        help_text=_(
            "Empty: publishing makes the article public at once. A date in the future "
            "schedules it: it goes live by itself at that moment."
        ),
    )  # fmt: skip
    status_changed_at = models.DateTimeField(
        _("status changed"), null=True, blank=True, editable=False,
        help_text=_("When the article last moved in the workflow (e.g. was sent for review)."),
    )  # fmt: skip
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("status changed by"), null=True, blank=True,
        editable=False, on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    review_note = models.TextField(
        _("note from the editors"), blank=True, editable=False,
        help_text=_("Why the article was sent back; the author sees it on the article."),
    )  # fmt: skip
    # Counts saves: a form opened at version 3 cannot overwrite version 4 without being told.
    lock_version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    view_count = models.PositiveBigIntegerField(_("views"), default=0, editable=False)
    featured = models.BooleanField(
        _("featured"), default=False,
        help_text=_("Shown at the top of its edition's home page while it is public."),
    )  # fmt: skip
    # Full-text search on PostgreSQL (articles/search.py keeps it current through the write
    # path; GIN-indexed there). Unused, and always empty, on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule, send back, unpublish and archive")),
            ("edit_any_article", _("Can edit every article, whoever wrote it and in any status")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"],
                name="article_unique_slug_per_language",
                violation_error_message=_("An article in this language already has this slug."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="article_language_valid"
            ),
            models.UniqueConstraint(
                fields=["series", "series_part"],
                name="article_unique_series_part",
                violation_error_message=_("This series already has an article with this part."),
            ),
            models.CheckConstraint(
                condition=Q(series__isnull=True, series_part__isnull=True)
                | Q(series__isnull=False, series_part__isnull=False, series_part__gte=1),
                name="article_series_has_part",
                violation_error_message=_("A part of a series needs its part number (1, 2, …)."),
            ),
            models.UniqueConstraint(
                fields=["translation_group", "language"],
                name="article_one_translation_per_language",
                violation_error_message=_("These translations already have one in this language."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=[Status.DRAFT, Status.REVIEW])
                | Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message=_("A published or archived article needs a publish date."),
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"], name="article_public_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.fill_derived_fields()
        if kwargs.get("update_fields") is not None:
            # save(update_fields=...) must store what it changed together with what follows
            # from it.
            kwargs["update_fields"] = {*kwargs["update_fields"], *DERIVED_FIELDS}
        elif not self._state.adding:
            # The count moves on in the database while an editor has the form open; saving
            # the article writes everything but it (article_record_view owns that column).
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in COUNTER_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """In the article's own edition: /de/<slug>/."""
        return edition_reverse("articles:detail", self.language, slug=self.slug)

    def clean(self) -> None:
        self.fill_derived_fields()
        if self.slug in reserved_slugs(self.language):
            raise ValidationError(
                {
                    "slug": _(
                        "“%(slug)s” is taken by the edition's own pages (%(address)s); "
                        "choose another slug."
                    )
                    % {"slug": self.slug, "address": f"/{self.language}/{self.slug}/"}
                }
            )
        if self.series_id is not None and self.series_part is not None:
            taken = (
                Article.objects.filter(series_id=self.series_id, series_part=self.series_part)
                .exclude(pk=self.pk)
                .first()
            )
            if taken is not None:
                raise ValidationError(
                    {
                        "series_part": _("Part %(number)s of this series is “%(title)s” already.")
                        % {"number": self.series_part, "title": taken.title}
                    }
                )
        if self.series_id is not None and self.series.language != self.language:
            raise ValidationError(
                {
                    "series": _(
                        "The series “%(series)s” is in %(series_language)s; this article is in "
                        "%(language)s. A series holds articles in its own language."
                    )
                    % {
                        "series": self.series.title,
                        "series_language": self.series.get_language_display(),
                        "language": self.get_language_display(),
                    }
                }
            )

    def fill_derived_fields(self) -> None:
        """Slug, rendered body and reading time follow from what the editor wrote."""
        if not self.slug and self.title:
            others = Article.objects.filter(language=self.language).exclude(pk=self.pk)
            reserved = reserved_slugs(self.language)
            self.slug = unique_slug(
                self.title,
                max_length=100,
                taken=lambda s: s in reserved or others.filter(slug=s).exists(),
            )
        if self.body != getattr(self, "_rendered_body", None):  # clean() then save(): once
            self.body_html = render_markdown(self.body)
            self.reading_time = reading_minutes(self.body)
            self._rendered_body = self.body

    @property
    def ordered_authors(self) -> list[Author]:
        """Authors in byline order (uses the prefetch from ``for_listing``)."""
        return [authorship.author for authorship in self.authorships.all()]

    @property
    def is_public(self) -> bool:
        """Listed and readable by everyone: the same rule as ``Article.objects.published()``."""
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_reachable(self) -> bool:
        """Answers at its address: the same rule as ``Article.objects.reachable()``."""
        return self.is_public or self.status == Status.ARCHIVED

    @property
    def state(self) -> State:
        if self.status == Status.PUBLISHED and not self.is_public:
            return State.SCHEDULED
        return State(self.status)

    @property
    def state_label(self) -> str:
        """The state in words: "Scheduled for 5 March 2027, 09:00", "In review", …"""
        if self.state == State.SCHEDULED:
            when = formats.date_format(timezone.localtime(self.published_at), "DATETIME_FORMAT")
            return _("Scheduled for %(date)s") % {"date": when}
        return self.state.label


class ArticleAuthor(models.Model):
    """An author on an article's byline, at a position (0 is named first)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="authorships")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="authorships", verbose_name=_("author")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("The byline lists authors in ascending position.")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("author of the article")
        verbose_name_plural = _("authors of the article")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")
        ]

    def __str__(self) -> str:
        return str(self.author)
