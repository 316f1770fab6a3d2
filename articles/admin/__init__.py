"""The articles admin: the article desk, authors/categories/tags, share links."""

from articles.admin.article import ArticleAdmin
from articles.admin.sharing import ShareLinkAdmin
from articles.admin.taxonomy import AuthorAdmin, CategoryAdmin, TagAdmin

__all__ = ["ArticleAdmin", "AuthorAdmin", "CategoryAdmin", "ShareLinkAdmin", "TagAdmin"]
