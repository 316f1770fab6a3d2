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
from articles.models.navigation import MenuItem
from articles.models.sharing import ShareLink
from articles.models.structure import (
    Book,
    ImportRecord,
    RelatedArticle,
    Series,
    TranslationGroup,
    normalise_isbn,
)
from articles.models.taxonomy import Author, Category, NamedWithSlug, Tag

__all__ = [
    "COUNTER_FIELDS",
    "DERIVED_FIELDS",
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "Author",
    "Book",
    "Category",
    "ImportRecord",
    "Language",
    "MenuItem",
    "NamedWithSlug",
    "RelatedArticle",
    "Series",
    "ShareLink",
    "State",
    "Status",
    "Tag",
    "TaggedArticle",
    "TranslationGroup",
    "default_language",
    "listing_prefetches",
    "normalise_isbn",
]
