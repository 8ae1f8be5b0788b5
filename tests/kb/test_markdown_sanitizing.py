"""Markdown is untrusted: real XSS vectors must come out harmless, and ordinary
formatting must survive."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from kb.markdown import markdown_to_text, render_markdown

XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<form action="https://evil.example"><input name=x></form>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onclick="alert(1)">click</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    '<details open ontoggle="alert(1)">x</details>',
    '<a href="#" onmouseover="alert(1)">x</a>',
    "`<script>alert(1)</script>`",
    '"><script>alert(1)</script>',
    '![x](https://example.com/a.png "title" onerror="alert(1)")',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]


class _Elements(HTMLParser):
    """Collects what a browser would see: tag names and their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "style",
    "base",
    "meta",
    "link",
    "svg",
    "math",
}


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_rendered_markdown_carries_no_script(vector):
    parser = _Elements()
    parser.feed(render_markdown(f"正文 {vector} 结束"))
    for tag, attrs in parser.elements:
        assert tag not in DANGEROUS_TAGS
        assert not [name for name in attrs if name.startswith("on") or name == "style"]
        for name in ("href", "src"):
            url = attrs.get(name, "").strip().lower()
            assert not url.startswith(("javascript:", "vbscript:", "data:")), (tag, attrs)


def test_tables_code_lists_and_heading_anchors_survive():
    html = render_markdown(
        "## 退货流程\n\n1. 登录\n2. 申请\n\n| 商品 | 期限 |\n|---|---|\n| 手机 | 7 天 |\n\n```\ncode\n```\n"
    )
    assert '<h2 id="退货流程">' in html
    assert "<ol>" in html and "<table>" in html and "<pre><code>" in html
    assert '<a class="headerlink" href="#退货流程"' in html


def test_safe_links_keep_their_target_and_get_noopener():
    html = render_markdown("[help](https://help.example.com/a?b=1) [call](tel:95511)")
    assert 'href="https://help.example.com/a?b=1"' in html
    assert 'href="tel:95511"' in html
    assert "noopener" in html


def test_plain_text_for_the_index_has_no_markup():
    assert markdown_to_text("# 标题\n\n**粗体** & [链接](https://x.example) `a<b`") == "标题 粗体 & 链接 a<b"
