"""The one write path for articles: the admin, the management commands and the tests call it.

Every function is atomic, keyword-only, asks ``articles/workflow.py`` whether ``by`` may do it
(``by=None`` is the system: imports, the demo), validates with ``full_clean()`` and then records
what follows from the change: a revision with who and why (``articles/revisions.py``), a 301
from a public article's old address (``articles/redirects.py``). A refused change raises
``PermissionDenied`` (the role) or ``ValidationError`` (the article) and changes nothing.

``Article.save()`` keeps only what follows from the row itself (slug, rendered body, reading
time); the view count has its own single-statement write, ``article_record_view``.

Split by concern: ``rules`` (what a write must satisfy), ``articles`` (saving, deleting,
restoring articles, their translations), ``moves`` (the workflow's moves),
``taxonomy`` (authors, categories, tags, series), ``structure`` (related articles,
translations, books), ``readers`` (the view count).
"""

from articles.services.articles import (
    article_add_tags,
    article_confirm_translation,
    article_delete,
    article_restore_revision,
    article_save,
    article_set_category,
    article_unlink_translation,
    author_record_for,
)
from articles.services.moves import (
    article_archive,
    article_move_to,
    article_publish,
    article_send_back,
    article_submit_for_review,
    article_unpublish,
    article_withdraw,
)
from articles.services.readers import article_carry_over_views, article_record_view
from articles.services.rules import (
    PLACEHOLDER_ALT,
    EditConflict,
    placeholder_alt_texts,
    publication_problems,
)
from articles.services.structure import book_save, import_record_save
from articles.services.taxonomy import menu_link_delete, menu_link_save, named_delete, named_save

__all__ = [
    "PLACEHOLDER_ALT",
    "EditConflict",
    "article_add_tags",
    "article_archive",
    "article_carry_over_views",
    "article_confirm_translation",
    "article_delete",
    "article_move_to",
    "article_publish",
    "article_record_view",
    "article_restore_revision",
    "article_save",
    "article_send_back",
    "article_set_category",
    "article_submit_for_review",
    "article_unlink_translation",
    "article_unpublish",
    "article_withdraw",
    "author_record_for",
    "book_save",
    "import_record_save",
    "menu_link_delete",
    "menu_link_save",
    "named_delete",
    "named_save",
    "placeholder_alt_texts",
    "publication_problems",
]
