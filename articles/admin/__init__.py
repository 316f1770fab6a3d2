"""The articles admin: the article desk, authors/categories/tags, series and books, share
links, the editions' menus."""

from articles.admin.article import ArticleAdmin
from articles.admin.navigation import MenuItemAdmin
from articles.admin.sharing import ShareLinkAdmin
from articles.admin.structure import BookAdmin, SeriesAdmin
from articles.admin.taxonomy import AuthorAdmin, CategoryAdmin, TagAdmin

__all__ = [
    "ArticleAdmin",
    "AuthorAdmin",
    "BookAdmin",
    "CategoryAdmin",
    "MenuItemAdmin",
    "SeriesAdmin",
    "ShareLinkAdmin",
    "TagAdmin",
]
