"""A text shown beside the one it contradicts, with the evidence sentence marked.

The checker's evidence is a sentence as kb.consistency.text.split_sentences cuts it (Markdown
marks dropped, a table row joined with ", "), which the rendered HTML does not contain. So the
text is laid out line by line from the same split: headings as headings, every sentence
escaped, and the sentences equal to the evidence wrapped in <mark>."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kb.consistency.text import split_sentences


def highlight_text(body: str, evidence: str, *, language: str = "", mark_id: str = "") -> SafeString:
    """Escaped HTML of `body` with the evidence sentence(s) in <mark>; the first one gets `mark_id`."""
    parts: list[str] = []
    evidence = evidence.strip()
    joiner = " " if language == "en" else ""
    first = True
    for raw_line in body.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        if line.startswith("#"):
            parts.append(f'<p class="conflict-heading">{escape(line.lstrip("#").strip())}</p>')
            continue
        sentences = [sentence.original.strip() for sentence in split_sentences(line, language)]
        # a yes/no answer's evidence is its question and the answer together ("Can I…? Yes.")
        marked = {i for i, text in enumerate(sentences) if text == evidence}
        marked |= {
            j for i in range(1, len(sentences)) if f"{sentences[i - 1]} {sentences[i]}" == evidence for j in (i - 1, i)
        }
        pieces = []
        for i, sentence in enumerate(sentences):
            text = str(escape(sentence))
            if evidence and i in marked:
                attribute = f' id="{escape(mark_id)}"' if first and mark_id else ""
                first = False
                text = f"<mark{attribute}>{text}</mark>"
            pieces.append(text)
        if pieces:
            css = "conflict-row" if line.startswith("|") else "conflict-line"
            parts.append(f'<p class="{css}">{joiner.join(pieces)}</p>')
    return mark_safe("\n".join(parts))  # every piece of text above went through escape()
