"""Every save is a revision: who, when, what; any two compared word by word; an old one
restored as a new save."""

from __future__ import annotations

import pytest

from articles import services
from articles.models import Status
from articles.revisions import article_versions, describe, snapshot, word_diff
from tests.articles.helpers import change_form_data, change_url
from tests.factories import ArticleFactory, AuthorFactory, AuthorUserFactory, EditorUserFactory
from tests.helpers import XSS, count_queries, logged_in
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db


def edit(article, by, **fields):
    for name, value in fields.items():
        setattr(article, name, value)
    return services.article_save(article=article, authors=article.ordered_authors, by=by)


def history_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/history/"


def test_each_write_stores_one_revision_with_who_and_what():
    editor = EditorUserFactory(first_name="Erika", last_name="Muster")
    article = ArticleFactory(status=Status.DRAFT)  # written by the system

    edit(article, editor, title="Neuer Titel")
    services.article_submit_for_review(article=article, by=editor)

    versions = list(article_versions(article))
    assert [(v.revision.user, describe(v.revision)) for v in versions] == [
        (editor, "Submitted for review"),
        (editor, "Saved"),
        (None, "Created"),
    ]
    assert snapshot(versions[1]).title == "Neuer Titel"


def test_a_revision_holds_byline_and_tags_in_order():
    anna, bert = AuthorFactory(name="Anna"), AuthorFactory(name="Bert")
    article = ArticleFactory(authors=[bert, anna], tags=["Führung", "Strategie"])

    latest = snapshot(article_versions(article).first())

    assert latest.author_ids == [bert.pk, anna.pk]
    assert len(latest.tag_ids) == 2


def test_the_history_page_lists_who_changed_what_and_when(editor_client):
    article = ArticleFactory(status=Status.DRAFT)
    edit(article, EditorUserFactory(username="erika", first_name="Erika", last_name="M"), title="X")

    page = parse(editor_client.get(history_url(article)))

    rows = page.select("table.revisions tbody tr")
    assert len(rows) == 2
    assert "Erika M" in text(rows[0]) and "Saved" in text(rows[0])
    assert "system (import or demo)" in text(rows[1]) and "Created" in text(rows[1])
    assert one(page, 'a[href$="/restore/"]')  # the older one can be restored


def test_comparing_two_revisions_marks_the_changed_words(editor_client):
    article = ArticleFactory(
        title="Führung in der Krise", summary="Kurz.", body="Erster Absatz.\n\nZweiter Absatz."
    )
    edit(
        article,
        EditorUserFactory(),
        title="Führung nach der Krise",
        body="Erster Absatz.\n\nDritter Absatz.",
    )
    newer, older = article_versions(article)[:2]

    response = editor_client.get(
        f"/admin/articles/article/{article.pk}/history/compare/?a={older.pk}&b={newer.pk}"
    )

    assert response.status_code == 200
    sections = {text(one(s, "h2")).split(" (")[0]: s for s in parse(response).select(".difference")}
    title = one(sections["Title"], ".diff")
    assert [text(d) for d in title.select("del")] == ["in"]
    assert [text(i) for i in title.select("ins")] == ["nach"]
    body = one(sections["Body"], ".diff")
    assert [text(d) for d in body.select("del")] == ["Zweiter"]
    assert [text(i) for i in body.select("ins")] == ["Dritter"]
    assert "unchanged" in text(one(sections["Summary"], "h2"))


def test_the_word_diff_escapes_what_it_shows():
    html = word_diff("harmlos", XSS)

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.startswith("<del>harmlos</del><ins>")


def test_restoring_a_revision_is_a_new_save_and_readers_see_the_old_text(editor_client, client):
    article = ArticleFactory(title="Version eins", body="Der erste Text.")
    edit(article, EditorUserFactory(), title="Version zwei", body="Der zweite Text.")
    first = article_versions(article).last()

    confirm = editor_client.get(f"/admin/articles/article/{article.pk}/history/{first.pk}/restore/")
    assert "Restoring the revision of" in text(parse(confirm))
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/history/{first.pk}/restore/", follow=True
    )

    assert "is restored" in text(one(parse(response), ".messagelist"))
    article.refresh_from_db()
    assert (article.title, article.body) == ("Version eins", "Der erste Text.")
    assert "Der erste Text." in client.get(article.get_absolute_url()).content.decode()
    latest = article_versions(article).first()
    assert describe(latest.revision).startswith("Restored the revision of")
    assert latest.revision.user.username == "editor"
    assert len(article_versions(article)) == 4  # created, published, saved, restored


def test_an_author_may_read_the_history_but_not_restore_someone_elses_article():
    article = ArticleFactory(title="Eins")
    edit(article, EditorUserFactory(), title="Zwei")
    first = article_versions(article).last()
    writer = logged_in(AuthorUserFactory())

    assert writer.get(history_url(article)).status_code == 200
    response = writer.post(f"/admin/articles/article/{article.pk}/history/{first.pk}/restore/")

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Zwei"


def test_a_conflicting_save_is_refused_with_a_link_to_the_difference(editor_client):
    article = ArticleFactory(title="Original", body="Text.")
    opened = change_form_data(article, title="Meine Fassung")  # the form as I opened it
    edit(article, EditorUserFactory(), title="Ihre Fassung")  # someone else saves first

    response = editor_client.post(change_url(article), opened)

    assert response.status_code == 200
    errors = one(parse(response), ".errornote ~ ul.errorlist")
    assert "Someone else saved this article after you opened it" in text(errors)
    link = one(errors, "a")
    assert link["href"].endswith(f"/history/compare/?from_version={opened['opened_version']}")
    title_diff = one(parse(editor_client.get(link["href"])), ".difference.changed .diff")
    assert [text(d) for d in title_diff.select("del")] == ["Original"]
    assert [text(i) for i in title_diff.select("ins")] == ["Ihre Fassung"]
    article.refresh_from_db()
    assert article.title == "Ihre Fassung"

    # Seen the conflict: saving the same form again replaces their version on purpose.
    again = {
        **opened,
        "opened_version": one(parse(response), 'input[name="opened_version"]')["value"],
    }
    assert editor_client.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.title == "Meine Fassung"


def test_a_revision_made_in_the_admin_holds_the_byline_as_saved(editor_client):
    first, second = AuthorFactory(name="Erste"), AuthorFactory(name="Zweiter")
    article = ArticleFactory(status=Status.DRAFT, authors=[first])
    data = change_form_data(article)
    data.update(
        {
            "authorships-TOTAL_FORMS": "2",
            "authorships-1-author": str(second.pk),
            "authorships-1-position": "1",
        }
    )

    assert editor_client.post(change_url(article), data).status_code == 302

    latest = snapshot(article_versions(article).first())
    assert latest.author_ids == [first.pk, second.pk]


def test_comparing_an_article_with_a_single_revision_says_so(editor_client):
    article = ArticleFactory(status=Status.DRAFT)

    response = editor_client.get(
        f"/admin/articles/article/{article.pk}/history/compare/?from_version=0"
    )

    assert response.status_code == 404


def test_a_workflow_button_on_an_unchanged_form_adds_no_empty_revision(editor_client):
    article = ArticleFactory(status=Status.REVIEW, body="Zeile eins.\nZeile zwei.")
    before = len(article_versions(article))
    # What a browser sends: CRLF line breaks, the date without its fraction of a second.
    data = change_form_data(article, body="Zeile eins.\r\nZeile zwei.", _workflow="publish")

    assert editor_client.post(change_url(article), data).status_code == 302

    versions = article_versions(article)
    assert [describe(v.revision) for v in versions[: len(versions) - before]] == ["Published"]
    article.refresh_from_db()
    assert article.body == "Zeile eins.\nZeile zwei."


def test_the_history_speaks_the_readers_language_whoever_wrote_it():
    article = ArticleFactory(status=Status.REVIEW)
    services.article_send_back(article=article, by=EditorUserFactory(), note="Kürzer.")
    german = logged_in(EditorUserFactory(username="leser"), HTTP_ACCEPT_LANGUAGE="de")

    rows = parse(german.get(history_url(article))).select("table.revisions tbody tr")

    assert "Zurückgegeben: Kürzer." in text(rows[0])
    assert "Zur Prüfung eingereicht" in text(rows[1])


def revisions_of(count: int):
    """An article with ``count`` more saves, each with a byline of three and five tags."""
    article = ArticleFactory(
        authors=AuthorFactory.create_batch(3), tags=[f"T{i}" for i in range(5)]
    )
    editor = EditorUserFactory(username="schreiber")
    for number in range(count):
        edit(article, editor, title=f"Fassung {number}")
    return article, list(article_versions(article))


# Session, user, the editor's own and group permissions, the article with its byline (the
# admin's queryset, three queries), its revisions with who made them; comparing adds the two
# revisions' bylines and tags and the names shown for them.
HISTORY_BUDGET = 8
COMPARE_BUDGET = 13


@pytest.mark.parametrize("count", [2, 12])
def test_history_compare_and_restore_pages_stay_within_their_budgets(
    editor_client, django_assert_max_num_queries, count
):
    article, versions = revisions_of(count)
    base = f"/admin/articles/article/{article.pk}/history/"

    with django_assert_max_num_queries(HISTORY_BUDGET):
        _, page = count_queries(editor_client, base)
    assert len(parse(page).select("table.revisions tbody tr")) == len(versions)
    for url in (
        f"{base}compare/?a={versions[-1].pk}&b={versions[0].pk}",
        f"{base}{versions[-1].pk}/restore/",
    ):
        with django_assert_max_num_queries(COMPARE_BUDGET):
            _, page = count_queries(editor_client, url)
        assert parse(page).select(".difference.changed"), url
