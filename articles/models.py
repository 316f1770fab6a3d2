from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from articles.markdown import reading_minutes, render_markdown
from articles.slugs import slugify_readable, unique_slug


class NamedWithSlug(models.Model):
    """A model with a ``name`` and a site-wide unique ``slug`` made from it when left empty."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            others = type(self)._default_manager.exclude(pk=self.pk)
            self.slug = unique_slug(self.name, taken=lambda s: others.filter(slug=s).exists())
        super().save(*args, **kwargs)


class Author(NamedWithSlug):
    name = models.CharField(_("name"), max_length=120, help_text=_("As it appears in bylines."))
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, blank=True,
        help_text=_("Part of the author page's address; filled in from the name when empty."),
    )  # fmt: skip
    bio = models.TextField(
        _("bio"), blank=True, help_text=_("A few sentences for the author page.")
    )
    photo = models.ImageField(
        _("photo"), upload_to="authors/", blank=True,
        help_text=_("JPEG, PNG or WebP; re-encoded on upload, metadata removed."),
    )  # fmt: skip
    website = models.URLField(_("website"), blank=True, help_text=_("Linked from the author page."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="author_profile",
        help_text=_("The login this author writes with, if any."),
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


class Category(NamedWithSlug):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Shown in the navigation and on articles.")
    )
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, blank=True,
        help_text=_("Part of the category page's address; filled in from the name when empty."),
    )  # fmt: skip
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of the category page.")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Categories are listed in ascending position.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:category", kwargs={"slug": self.slug})


class Tag(TagBase):
    """A taggit tag whose slug follows the project's readable rule ("Führung" → "fuehrung")."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = slugify_readable(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self) -> str:
        return reverse("articles:tag", kwargs={"slug": self.slug})


class TaggedArticle(TaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]


# Columns only article_record_view writes, with an F() update.
COUNTER_FIELDS = frozenset({"view_count"})
# Columns Article.fill_derived_fields computes from what the editor wrote.
DERIVED_FIELDS = frozenset({"slug", "published_at", "body_html", "reading_time"})


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        """What readers may see: published, and the publish date has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self) -> ArticleQuerySet:
        """Everything a teaser or an article page shows, in a fixed number of queries."""
        return self.select_related("category").prefetch_related(
            Prefetch(
                "authorships",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position"),
            ),
            "tags",
        )

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-pk")


class Article(models.Model):
    class Language(models.TextChoices):
        GERMAN = "de", _("German")
        DUTCH = "nl", _("Dutch")
        ENGLISH = "en", _("English")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(
        _("title"), max_length=200, help_text=_("The headline readers see on lists and the page.")
    )
    slug = models.SlugField(
        _("slug"), max_length=100, blank=True,
        help_text=_("Part of the address; unique per language; filled in from the title."),
    )  # fmt: skip
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.GERMAN,
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
    cover_alt = models.CharField(
        _("cover alt text"), max_length=250, blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )  # fmt: skip
    cover_credit = models.CharField(
        _("cover credit"), max_length=250, blank=True,
        help_text=_('Who made the image, e.g. "Anna Berg". Shown as "Cover image: Anna Berg".'),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
        help_text=_("Only published articles whose publish date has come are public."),
    )  # fmt: skip
    published_at = models.DateTimeField(
        _("publish date"), null=True, blank=True, db_index=True,
        help_text=_("A date in the future keeps the article hidden until then."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    view_count = models.PositiveBigIntegerField(_("views"), default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"],
                name="article_unique_slug_per_language",
                violation_error_message=_("An article in this language already has this slug."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=["de", "nl", "en"]), name="article_language_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message=_("A published article needs a publish date."),
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"], name="article_public_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.fill_derived_fields()
        if kwargs.get("update_fields") is not None:
            # update_or_create and save(update_fields=...) must store what they changed
            # together with what follows from it.
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
        return reverse("articles:detail", kwargs={"language": self.language, "slug": self.slug})

    def clean(self) -> None:
        self.fill_derived_fields()

    def fill_derived_fields(self) -> None:
        """Slug, publish date, rendered body and reading time follow from what the editor wrote."""
        if not self.slug and self.title:
            others = Article.objects.filter(language=self.language).exclude(pk=self.pk)
            self.slug = unique_slug(
                self.title, max_length=100, taken=lambda s: others.filter(slug=s).exists()
            )
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
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
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


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
        return f"{self.author} ({self.position})"
