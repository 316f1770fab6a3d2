"""The one Markdown renderer: CommonMark as editors paste it, and nothing a browser could run."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.markdown import reading_minutes, render_markdown
from tests.html import one, parse, text

SAFE_SCHEMES = {"http", "https", "mailto"}
EXECUTABLE_TAGS = {"script", "style", "iframe", "object", "embed", "frame", "svg", "math", "form"}


def unsafe_parts(html: str) -> list[str]:
    """Everything in ``html`` a browser could execute or load as code, described in words."""
    found = []
    if re.search(r"<\s*/?\s*script", html, re.IGNORECASE):
        found.append("a <script> tag")
    for node in parse(html).select("*"):
        if node.name in EXECUTABLE_TAGS:
            found.append(f"a <{node.name}> element")
        for name, value in node.attrs.items():
            if name.startswith("on"):
                found.append(f"an event handler {name}= on <{node.name}>")
            if name in {"style"} and node.name not in {"th", "td"}:
                found.append(f"a style attribute on <{node.name}>")
            if name in {"href", "src", "action", "formaction", "srcset"} and value:
                # Browsers ignore whitespace and control characters inside the scheme.
                squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
                scheme = re.match(r"^([a-z][a-z0-9+.-]*):", squeezed)
                if scheme and scheme.group(1) not in SAFE_SCHEMES:
                    found.append(f"a {scheme.group(1)}: URL in {name}= of <{node.name}>")
    return found


def test_list_right_after_a_paragraph_line_is_a_list():
    page = parse(render_markdown("Text:\n- a\n- b"))

    assert text(one(page, "p")) == "Text:"
    assert [text(item) for item in one(page, "ul").select("li")] == ["a", "b"]


def test_numbered_list_after_a_paragraph_line_is_a_numbered_list():
    page = parse(render_markdown("Schritte:\n1. planen\n2. handeln\n"))

    assert [text(item) for item in one(page, "ol").select("li")] == ["planen", "handeln"]


def test_german_and_dutch_quotes_and_bullets_survive_unchanged():
    typed = "Sie sagte „Führung ist Haltung“ und ‚kurz‘ – er: ‘zo gaat dat’ • Punkt."

    html = render_markdown(typed)

    assert text(one(parse(html), "p")) == typed


def test_table_renders_with_header_cells_and_alignment():
    page = parse(render_markdown("| Phase | Dauer |\n|:--|--:|\n| Analyse | 2 Wochen |\n"))

    table = one(page, "table")
    assert [text(cell) for cell in one(table, "thead").select("th")] == ["Phase", "Dauer"]
    cells = one(table, "tbody").select("td")
    assert [text(cell) for cell in cells] == ["Analyse", "2 Wochen"]
    assert cells[0].get("class") == ["align-left"]
    assert cells[1].get("class") == ["align-right"]
    # A class, not an inline style: the Content-Security-Policy allows none.
    assert cells[1].get("style") is None


def test_table_cells_keep_only_alignment_classes_and_no_style():
    html = render_markdown(
        '<table><tr><td class="align-center skip-link" style="color:red">x</td></tr></table>'
    )

    cell = one(parse(html), "td")
    assert cell.get("class") == ["align-center"]
    assert cell.get("style") is None


def test_a_table_and_a_code_block_scroll_in_their_own_box_reachable_by_keyboard():
    html = render_markdown(
        "| Phase | Dauer |\n|:--|--:|\n| Analyse | 2 Wochen |\n\n```\nSELECT 1;\n```\n"
    )
    page = parse(html)

    box = one(page, "div.table-scroll")
    assert box.get("tabindex") == "0"  # it scrolls with the arrow keys
    assert one(box, "table")
    assert one(page, "pre").get("tabindex") == "0"


def test_an_author_cannot_make_boxes_of_their_own_or_set_focus_order():
    html = render_markdown(
        '<div class="table-scroll" tabindex="5">x</div>\n\n<p tabindex="-1">y</p>'
    )

    page = parse(html)
    assert page.select("div") == []
    assert page.select("[tabindex]") == []


def test_images_in_the_text_load_when_they_come_near_the_screen():
    image = one(parse(render_markdown("![Ein Diagramm](/media/markdownx/d.png)")), "img")

    assert (image.get("loading"), image.get("decoding")) == ("lazy", "async")
    assert (image.get("src"), image.get("alt")) == ("/media/markdownx/d.png", "Ein Diagramm")


def test_footnote_reference_links_to_the_footnote_and_back():
    page = parse(render_markdown("Eine These.[^quelle]\n\n[^quelle]: Aus dem Jahresbericht.\n"))

    reference = one(one(page, "sup.footnote-ref"), "a")
    target = reference.get("href").lstrip("#")
    footnote = one(one(page, "section.footnotes"), f'li[id="{target}"]')
    assert "Aus dem Jahresbericht." in text(footnote)
    assert one(footnote, "a.footnote-backref").get("href") == f"#{reference.get('id')}"


def test_heading_gets_a_readable_anchor_with_umlauts_spelled_out():
    page = parse(render_markdown("## Über uns\n\nText\n\n### Größe & Wachstum\n"))

    assert one(page, "h2").get("id") == "s-ueber-uns"
    assert one(page, "h3").get("id") == "s-groesse-wachstum"


def test_repeated_headings_get_distinct_anchors():
    headings = parse(render_markdown("## Fazit\n\n## Fazit\n\n### Fazit\n")).select("h2, h3")

    # The first keeps the plain anchor (links to "#fazit" still land on it); the others count up.
    assert [heading.get("id") for heading in headings] == ["s-fazit", "s-fazit-1", "s-fazit-2"]


def test_top_level_heading_stays_a_heading_with_an_anchor():
    # An editor who starts a section with "# Über uns" must still get a heading, not loose text.
    page = parse(render_markdown("# Über uns\n\nWir beraten.\n"))

    headings = page.select("h1, h2, h3, h4, h5, h6")
    assert [text(heading) for heading in headings] == ["Über uns"]
    assert headings[0].get("id") == "s-ueber-uns"


def test_external_link_gets_rel_noopener():
    link = one(parse(render_markdown("[Quelle](https://example.org/bericht)")), "a")

    assert link.get("href") == "https://example.org/bericht"
    assert "noopener" in link.get("rel")


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "Text <scr<script>ipt>alert(1)</script>",
        '<img src="x.png" onerror="alert(1)">',
        '<p onclick="alert(1)">Klick</p>',
        '<a href="/x" onmouseover="alert(1)">Link</a>',
        '<a href="javascript:alert(1)">Link</a>',
        '<a href="JaVaScRiPt:alert(1)">Link</a>',
        '<a href="java&#x09;script:alert(1)">Link</a>',
        "[Link](javascript:alert(1))",
        "[Link](<javascript:alert(1)>)",
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Link</a>',
        "[Link](data:text/html,<script>alert(1)</script>)",
        "![Bild](data:image/png;base64,iVBORw0KGgo=)",
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
        '<img src="javascript:alert(1)">',
        "![Bild](javascript:alert(1))",
        '<iframe src="https://evil.example"></iframe>',
        "<style>body { display: none }</style>",
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<svg><script>alert(1)</script></svg>",
        '<object data="evil.swf"></object><embed src="evil.swf">',
        '<form action="https://evil.example"><button formaction="javascript:x()">x</button></form>',
        '<a href="vbscript:msgbox(1)">Link</a>',
    ],
)
def test_executable_markup_is_removed(payload):
    html = render_markdown(f"Vorher\n\n{payload}\n\nNachher")

    assert unsafe_parts(html) == []
    assert "alert(1)</script>" not in html
    assert "Vorher" in html and "Nachher" in html


def test_script_and_style_contents_are_dropped_not_shown_as_text():
    html = render_markdown(
        "<script>stealCookies()</script>\n\n<style>.x{color:red}</style>\n\nText"
    )

    assert "stealCookies" not in html
    assert "color:red" not in html
    assert text(one(parse(html), "p")) == "Text"


def test_safe_links_and_images_keep_their_addresses():
    page = parse(
        render_markdown(
            "[Web](https://example.org) [Mail](mailto:info@example.org) [Intern](/de/agile/) "
            "![Diagramm](/media/markdownx/diagramm.png)"
        )
    )

    hrefs = [link.get("href") for link in page.select("a")]
    assert hrefs == ["https://example.org", "mailto:info@example.org", "/de/agile/"]
    image = one(page, "img")
    assert (image.get("src"), image.get("alt")) == ("/media/markdownx/diagramm.png", "Diagramm")


def test_empty_body_renders_nothing():
    assert render_markdown("").strip() == ""
    assert render_markdown(None).strip() == ""


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (1000, 5)])
def test_reading_time_is_whole_minutes_at_200_words(words, minutes):
    assert reading_minutes(" ".join(["Wort"] * words)) == minutes


# --- Property: whatever an editor (or an attacker with an editor account) types ----------------

DANGEROUS_FRAGMENTS = [
    "<script>", "</script>", "<SCRIPT", "<img src=x", " onerror=", " onclick=", " OnLoad=",
    '"', "'", ">", "<", "javascript:", "JAVASCRIPT:", "data:", "&#x09;", "&#106;", "<iframe>",
    "<style>", "<a href=", "[x](", ")", "![y](", "\n", "\n\n", "- ", "# ", "`", "<svg ",
    "<math>", "<!--", "-->", "<![CDATA[", "&lt;", "\x00", "&", "=", "/", "<p ", "<td ",
]  # fmt: skip

editor_text = st.lists(
    st.one_of(st.sampled_from(DANGEROUS_FRAGMENTS), st.text(max_size=12)), max_size=40
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(editor_text)
def test_no_input_produces_scripts_handlers_or_unsafe_urls(typed):
    html = render_markdown(typed)

    assert "<script" not in html.lower()
    assert unsafe_parts(html) == []


# --- Ids and classes from the body cannot collide with the page around it ---------------------


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Comments", "s-comments"),
        ("Main", "s-main"),
        ("id_name", "s-id_name"),
        ("!!!", "s-section"),
    ],
)
def test_heading_anchor_never_takes_an_id_the_page_uses(heading, anchor):
    html = render_markdown(f"## {heading}\n\nText.")
    assert one(parse(html), "h2").get("id") == anchor


def test_raw_html_cannot_claim_page_ids_or_classes():
    html = render_markdown(
        '<h2 id="comment-form-title" class="skip-link">Fake</h2>\n\n<a id="main">x</a>'
    )
    soup = parse(html)
    assert one(soup, "h2").attrs == {}
    assert soup.find("a").get("id") is None


def test_links_to_a_heading_written_without_the_prefix_still_land_on_it():
    soup = parse(render_markdown("See [the summary](#fazit).\n\n## Fazit\n\nDone."))
    assert one(soup, "a")["href"] == "#s-fazit"
    assert one(soup, "h2")["id"] == "s-fazit"


@pytest.mark.django_db
def test_comment_redirect_lands_on_the_comments_not_a_heading_in_the_body(client):
    from tests.factories import ArticleFactory

    article = ArticleFactory(body="## Comments\n\nWhat readers said earlier.")
    page = parse(client.get(article.get_absolute_url()))
    assert len(page.select("#comments")) == 1
    assert page.select_one("#comments").name == "section"


def test_bullets_pasted_from_a_word_processor_become_a_list():
    soup = parse(render_markdown("Drei Punkte:\n• Ziel\n• Weg\n• Termin"))
    assert [text(li) for li in soup.select("ul > li")] == ["Ziel", "Weg", "Termin"]
    assert "•" not in soup.get_text()
