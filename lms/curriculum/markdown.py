"""Lesson Markdown to safe HTML: CommonMark rendering, then an allowlist sanitizer."""
import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "blockquote", "code", "pre", "hr", "br",
    "table", "thead", "tbody", "tr", "th", "td", "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set(), "ol": {"start"}}
ALLOWED_SCHEMES = {"https", "http", "mailto", "tel"}

UNSAFE_LINK_TEXT = re.compile(r"\]\(\s*(?:javascript|vbscript|data|file):[^)]*", re.IGNORECASE)

_renderer = MarkdownIt("commonmark", {"html": True}).enable("table")


def render_lesson(text: str) -> str:
    """Render Markdown and keep only the allowlisted tags, attributes and link schemes."""
    return sanitise(_renderer.render(text))


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def unsafe_parts(text: str) -> list[str]:
    """What the sanitizer would remove from a lesson: raw HTML and links outside the allowed schemes."""
    found = [f"link {m.group(0)[2:42]!r}" for m in UNSAFE_LINK_TEXT.finditer(text)]
    for token in _renderer.parse(text):
        children = token.children or []
        for part in [token, *children]:
            if part.type in ("html_block", "html_inline"):
                found.append(f"raw HTML {part.content.strip()[:40]!r}")
            href = part.attrGet("href") if part.type == "link_open" else None
            if href is not None and ":" in href.split("/")[0] and href.split(":")[0].lower() not in ALLOWED_SCHEMES:
                found.append(f"link {href[:40]!r}")
    return found
