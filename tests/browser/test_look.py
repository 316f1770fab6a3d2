"""The finished pages in Chromium, as readers meet them: on a 375 px phone and a 1280 px
desktop, in light and dark (README "Design").

Every kind of public page (tests/showcase.py: home, article, category, tag, author, archive,
search results, the comment form with errors, the 404 page) fits the phone without sideways
scrolling, has no critical or serious axe-core violation in either colour scheme, and runs
without one CSP violation or console message. Covers are responsive pictures that reserve
their space; the article column holds 65–75 characters a line; wide tables and code scroll in
their own box; focus is visible.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests import showcase
from tests.browser.axe import blocking_violations
from tests.browser.watch import Watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, DESKTOP = 375, 1280
# How far the page scrolls sideways: 0 when everything fits the viewport.
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def site(settings):
    settings.COMMENT_MIN_SECONDS = 0  # the comment form is posted at once below
    return showcase.build()


def comment_form_with_errors(page, site) -> None:
    """The article after a comment was sent without a name: the form again, with its errors."""
    page.goto(site.article.get_absolute_url())
    form = page.locator("form.comment-form")
    form.locator("#id_body").fill("Ein Kommentar ohne Namen.")
    form.locator("#id_consent").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".has-error #id_name")).to_be_visible()


def check_page(page, watch: Watch, label: str) -> list[str]:
    problems = [f"{label}: {v}" for v in blocking_violations(page)]
    overflow = page.evaluate(OVERFLOW)
    if overflow > 0:
        problems.append(f"{label}: the page scrolls {overflow} px sideways")
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_fits_a_phone_passes_axe_and_breaks_no_policy(
    new_context, live_server, site, scheme
):
    problems: list[str] = []
    url_404 = site.pages()["404"]
    for width in (PHONE, DESKTOP):
        context = new_context(locale="de-DE", color_scheme=scheme, width=width)
        watch = Watch(context)
        page = context.new_page()
        for name, url in site.pages().items():
            response = page.goto(url)
            assert response.status == (404 if name == "404" else 200), url
            problems += check_page(page, watch, f"{name} at {width} px ({scheme})")
        comment_form_with_errors(page, site)
        problems += check_page(page, watch, f"comment form with errors at {width} px ({scheme})")
        watch.assert_clean(page, expected=(f"404 GET {live_server.url}{url_404}", "400 POST "))
    assert problems == [], "\n".join(problems)


def cover_state(page, selector: str) -> dict:
    return page.locator(selector).evaluate(
        """img => ({
            src: img.currentSrc, natural: img.naturalWidth, shown: img.clientWidth,
            width: img.getAttribute("width"), height: img.getAttribute("height"),
            loading: img.getAttribute("loading"), priority: img.getAttribute("fetchpriority"),
            srcset: img.getAttribute("srcset"), sizes: img.getAttribute("sizes"),
            webp: img.parentElement.querySelector("source[type='image/webp']")?.srcset || "",
        })"""
    )


def test_covers_are_webp_renditions_sized_to_the_screen_first_eager_rest_lazy(new_context, site):
    phone = new_context(width=PHONE).new_page()
    phone.goto(site.article.get_absolute_url())
    on_phone = cover_state(phone, ".cover img")
    desktop = new_context(width=DESKTOP).new_page()
    desktop.goto(site.article.get_absolute_url())
    on_desktop = cover_state(desktop, ".cover img")

    for state in (on_phone, on_desktop):
        # Chromium took a WebP rendition, and it exists (a broken image has no width).
        assert state["src"].endswith(".webp") and state["natural"] > 0, state
        assert (state["width"], state["height"]) == ("1600", "900")
        assert state["loading"] is None and state["priority"] == "high"  # the first cover
        assert " 480w" in state["srcset"] and " 1600w" in state["srcset"]
        assert " 480w" in state["webp"]
    # The phone loads a smaller file than the desktop, still sharp at its pixel ratio.
    assert on_phone["natural"] < on_desktop["natural"]
    assert on_phone["natural"] >= on_phone["shown"]

    # Lists: only the first cover loads at once (the newest card has none: a placeholder);
    # each reserves its image's space.
    desktop.goto(site.category.url_in("de"))
    expect(desktop.locator(".card-grid > .card").first.locator(".card-placeholder")).to_be_visible()
    cards = desktop.locator(".card-grid img.card-cover").count()
    assert cards >= 3
    states = [
        cover_state(desktop, f":nth-match(.card-grid img.card-cover, {n + 1})")
        for n in range(cards)
    ]
    assert [state["priority"] for state in states] == ["high"] + [None] * (cards - 1)
    assert [state["loading"] for state in states] == [None] + ["lazy"] * (cards - 1)
    assert all(state["width"] and state["height"] for state in states)


def test_the_cover_reserves_its_space_before_it_arrives(new_context, site):
    """What follows the cover is where it will stay: the same with the image blocked as with
    it loaded, so nothing moves while it loads on a slow connection."""
    context = new_context(width=PHONE)
    loaded = context.new_page()
    loaded.goto(site.article.get_absolute_url())
    expect(loaded.locator(".cover img")).to_have_js_property("complete", True)
    assert loaded.locator(".cover img").evaluate("img => img.naturalWidth") > 0
    blocked = context.new_page()
    blocked.route("**/media/**", lambda route: route.abort())
    blocked.goto(site.article.get_absolute_url())
    assert blocked.locator(".cover img").evaluate("img => img.naturalWidth") == 0
    for page in (loaded, blocked):
        assert page.locator(".cover img").bounding_box()["height"] > 100
    assert (
        blocked.locator(".body h2").first.bounding_box()["y"]
        == loaded.locator(".body h2").first.bounding_box()["y"]
    )


def test_the_article_column_holds_65_to_75_characters_a_line(new_context, site):
    page = new_context(width=DESKTOP).new_page()
    page.goto(site.article.get_absolute_url())
    per_line = page.locator(".body p").first.evaluate(
        """p => {
            const probe = document.createElement("span");
            probe.textContent = p.textContent.slice(0, 400);
            probe.style.whiteSpace = "nowrap";
            p.appendChild(probe);
            const average = probe.getBoundingClientRect().width / probe.textContent.length;
            probe.remove();
            return p.clientWidth / average;
        }"""
    )
    assert 65 <= per_line <= 75, per_line


def test_wide_tables_and_code_scroll_in_their_own_box_reachable_by_keyboard(new_context, site):
    page = new_context(width=PHONE).new_page()
    page.goto(site.article.get_absolute_url())
    assert page.evaluate(OVERFLOW) == 0
    for selector in (".table-scroll", ".body pre"):
        box = page.locator(selector).first
        assert box.evaluate("box => box.scrollWidth > box.clientWidth"), selector
        box.focus()
        page.keyboard.press("ArrowRight")
        expect(box).to_be_focused()
        # Keyboard scrolling may be animated: wait for it to move (the test's timeout).
        page.wait_for_function("box => box.scrollLeft > 0", arg=box.element_handle())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_visible(new_context, site, scheme):
    page = new_context(color_scheme=scheme).new_page()
    page.goto(site.article.get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Tab")
    outline = page.evaluate(
        """() => { const style = getComputedStyle(document.activeElement);
                   return [style.outlineStyle, parseFloat(style.outlineWidth)]; }"""
    )
    assert outline[0] != "none" and outline[1] >= 2, outline


def test_inline_code_stands_apart_from_the_prose(new_context, site):
    page = new_context().new_page()
    page.goto(site.article.get_absolute_url())
    code, prose = (
        page.locator(selector).first.evaluate(
            "node => [getComputedStyle(node).fontFamily, getComputedStyle(node).backgroundColor]"
        )
        for selector in (".body p code", ".body p")
    )
    assert "mono" in code[0].lower() and "mono" not in prose[0].lower()
    assert code[1] != prose[1]
