"""The articles app's models, one module per concern, all importable from here."""

from articles.models.article import (
    COUNTER_FIELDS,
    DERIVED_FIELDS,
    Article,
    ArticleAuthor,
    ArticleQuerySet,
    Language,
    State,
    Status,
    TaggedArticle,
    default_language,
    listing_prefetches,
)
from articles.models.sharing import ShareLink
from articles.models.taxonomy import Author, Category, NamedWithSlug, Tag

__all__ = [
    "COUNTER_FIELDS",
    "DERIVED_FIELDS",
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "Author",
    "Category",
    "Language",
    "NamedWithSlug",
    "ShareLink",
    "State",
    "Status",
    "Tag",
    "TaggedArticle",
    "default_language",
    "listing_prefetches",
]
