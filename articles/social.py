"""Share links under an article: plain links to each network's own share page.

No script, button or tracker from another site is loaded: a reader's visit stays between them
and this site until they click.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ShareLink:
    network: str  # a stable name for styles and tests: "email", "linkedin", "x", "whatsapp"
    label: str
    href: str


def _q(text: str) -> str:
    """Percent-encoded for a query value (spaces as %20: mail programs read no "+")."""
    return quote(text, safe="")


def share_links(url: str, title: str) -> list[ShareLink]:
    """Links that share ``url`` (absolute) with ``title`` by e-mail, on LinkedIn, X and
    WhatsApp."""
    return [
        ShareLink("email", _("E-mail"), f"mailto:?subject={_q(title)}&body={_q(url)}"),
        ShareLink(
            "linkedin",
            "LinkedIn",
            f"https://www.linkedin.com/sharing/share-offsite/?url={_q(url)}",
        ),
        ShareLink("x", "X", f"https://x.com/intent/post?url={_q(url)}&text={_q(title)}"),
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?text={_q(f'{title} {url}')}"),
    ]
