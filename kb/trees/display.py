"""How a tree is shown: the runner's view of one node (shared by the API and the agents'
pages) and the diagram, laid out here and drawn as server-side SVG by
templates/kb/tree_diagram.html. No JavaScript: the diagram renders with the page, and the
Content-Security-Policy stays script-src 'self'.

The diagram reads left to right: one column per step from the start (the longest path, so
every forward edge points right), question boxes list their numbered options, and each
option's edge leaves from its own row. Loops (drafts may have them) are drawn dashed."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from kb import roles
from kb.markdown import markdown_to_text, render_markdown
from kb.trees import selectors
from kb.trees.analytics import TreeAnalytics
from kb.trees.models import TreeRun
from kb.trees.validation import ERROR, OUTCOME, QUESTION, Problem


def describe_node(run: TreeRun, request: HttpRequest, *, article_bodies: bool = False) -> dict[str, Any]:
    """The current node as a runner shows it: Markdown rendered, guidance only for agents,
    linked articles and the handoff tree only if the caller may open them. With
    article_bodies, each linked article also carries its published body as HTML."""
    node = run.version.node(run.current_node_id) or {"id": run.current_node_id, "type": QUESTION}
    user = request.user
    if node["type"] != OUTCOME:
        described: dict[str, Any] = {
            "id": node["id"],
            "type": node["type"],
            "prompt": node.get("prompt", ""),
            "prompt_html": render_markdown(node.get("prompt", "")),
            "options": [{"number": n, "label": o["label"]} for n, o in enumerate(node.get("options", []), start=1)],
        }
        if roles.can_read_internal(user):
            described["guidance"] = node.get("guidance", "")
            described["guidance_html"] = render_markdown(node.get("guidance", ""))
        return described
    handoff = selectors.get_handoff_tree(node, user)
    articles = []
    for version in selectors.list_outcome_articles(node, user):
        article = {
            "id": version.article_id,
            "title": version.title,
            "url": request.build_absolute_uri(version.article.get_absolute_url()),
        }
        if article_bodies:
            article["summary"] = version.summary
            article["body_html"] = render_markdown(version.body)
        articles.append(article)
    return {
        "id": node["id"],
        "type": OUTCOME,
        "outcome": node["outcome"],
        "resolution": node["resolution"],
        "resolution_html": render_markdown(node["resolution"]),
        "team": node["team"],
        "handoff": {"id": handoff.tree_id, "external_id": handoff.tree.external_id, "title": handoff.title}
        if handoff
        else None,
        "articles": articles,
    }


# The diagram --------------------------------------------------------------------------

BOX_WIDTH = 196
COLUMN_GAP = 76
ROW_GAP = 18
PAD = 24
LINE = 16  # px per text line
OPTION_ROW = 21
TEXT_UNITS = 27  # about 13 Chinese characters or 27 Latin ones fit in a line of the box
LABEL_UNITS = 20


@dataclass
class OptionRow:
    number: int
    label: str
    y: float  # centre of the row
    problem: str = ""  # "error" / "warning" / ""
    visits: int | None = None

    @property
    def text_y(self) -> float:
        return self.y + 4

    @property
    def top(self) -> float:
        return self.y - OPTION_ROW / 2


@dataclass
class NodeBox:
    index: int
    node_id: str
    kind: str  # question / outcome
    title_lines: list[str]
    outcome: str
    x: float
    y: float
    height: float
    options: list[OptionRow] = field(default_factory=list)
    problem: str = ""
    is_start: bool = False
    unreachable: bool = False
    visits: int | None = None
    abandoned: int = 0
    tooltip: str = ""

    @property
    def text_y(self) -> list[tuple[str, float]]:
        return [(line, self.y + 36 + n * LINE) for n, line in enumerate(self.title_lines)]

    @property
    def right(self) -> float:
        return self.x + BOX_WIDTH

    @property
    def text_x(self) -> float:
        return self.x + 10

    @property
    def end_x(self) -> float:
        return self.right - 9

    @property
    def width(self) -> int:
        return BOX_WIDTH

    @property
    def header_y(self) -> float:
        return self.y + 19

    @property
    def rule_y(self) -> float:
        return self.y + 36 + len(self.title_lines) * LINE - 6

    @property
    def below_y(self) -> float:
        return self.y + self.height + 13

    @property
    def start_path(self) -> str:
        return f"M{self.x - 30:.0f},{self.middle:.0f} h24"

    @property
    def middle(self) -> float:
        return self.y + 15


@dataclass
class Edge:
    path: str
    kind: str  # "" / "back" / "dangling"
    width: float = 1.6
    visits: int | None = None
    label_x: float = 0
    label_y: float = 0


@dataclass
class Diagram:
    width: float
    height: float
    boxes: list[NodeBox]
    edges: list[Edge]
    with_counts: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.boxes


def _units(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def clip_text(text: str, units: int) -> str:
    """The text cut to fit `units` (a Chinese character counts two), with … if cut."""
    total = 0
    for position, char in enumerate(text):
        total += _units(char)
        if total > units:
            return text[: max(position - 1, 0)] + "…"
    return text


def wrap_text(text: str, units: int, lines: int) -> list[str]:
    """Up to `lines` lines of at most `units` each; the last one ends in … if text is left."""
    result: list[str] = []
    rest = text.strip()
    while rest and len(result) < lines:
        total, cut = 0, len(rest)
        for position, char in enumerate(rest):
            total += _units(char)
            if total > units:
                cut = position
                break
        if cut < len(rest) and " " in rest[:cut]:  # Latin text breaks between words
            cut = rest[:cut].rfind(" ") + 1
        line, rest = rest[:cut].strip(), rest[cut:].strip()
        if rest and len(result) == lines - 1:
            line = clip_text(line + " " + rest, units) if _width(line) < units - 1 else line[:-1] + "…"
            rest = ""
        result.append(line)
    return result


def _width(text: str) -> int:
    return sum(_units(char) for char in text)


def _layers(nodes: dict[str, dict[str, Any]], start: str) -> tuple[dict[str, int], set[tuple[str, int]]]:
    """Each reachable node's column (the longest path from the start, back edges ignored)
    and the back edges (node id, option number) that close loops."""

    def targets(node_id: str) -> list[tuple[int, str]]:
        node = nodes[node_id]
        if node["type"] != QUESTION:
            return []
        return [(n, o["next"]) for n, o in enumerate(node["options"], start=1) if o["next"] in nodes]

    if start not in nodes:
        return {}, set()
    back: set[tuple[str, int]] = set()
    state = {start: 1}
    order: list[str] = []
    stack = [(start, iter(targets(start)))]
    while stack:  # iterative depth-first search: post-order and back edges
        node_id, edges = stack[-1]
        for number, target in edges:
            if state.get(target) == 1:
                back.add((node_id, number))
            elif target not in state:
                state[target] = 1
                stack.append((target, iter(targets(target))))
                break
        else:
            state[node_id] = 2
            order.append(node_id)
            stack.pop()
    layer = dict.fromkeys(order, 0)
    for node_id in reversed(order):  # a topological order of the forward edges
        for number, target in targets(node_id):
            if (node_id, number) not in back:
                layer[target] = max(layer[target], layer[node_id] + 1)
    return layer, back


def _severity(problems: list[Problem]) -> str:
    if not problems:
        return ""
    return ERROR if any(p.severity == ERROR for p in problems) else "warning"


def layout_diagram(
    graph: dict[str, Any] | None,
    problems: list[Problem] | None = None,
    analytics: TreeAnalytics | None = None,
) -> Diagram:
    """Boxes and edges of a (canonical) graph, marked with its problems and, for the
    analytics page, with the number of runs through each node and option."""
    if not graph or not isinstance(graph.get("nodes"), list):
        return Diagram(0, 0, [], [])
    graph_nodes = [n for n in graph["nodes"] if isinstance(n, dict) and isinstance(n.get("id"), str)]
    nodes = {node["id"]: node for node in graph_nodes}
    index_of = {node["id"]: index for index, node in enumerate(graph_nodes)}
    start = graph.get("start") or ""
    by_node: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems or []:
        if problem.node_id is not None:
            by_node[problem.node_id].append(problem)
    layer, back = _layers(nodes, start)
    unreachable = [node_id for node_id in nodes if node_id not in layer]
    last = max(layer.values(), default=-1) + 1
    for node_id in unreachable:  # a column of their own, after the rest
        layer[node_id] = last

    edges_of = {(e.node_id, e.option_number): e.runs for e in analytics.edge_visits} if analytics else {}
    most = max([*edges_of.values(), *(analytics.node_visits.values() if analytics else []), 1])

    columns: dict[int, list[str]] = defaultdict(list)
    for node_id in sorted(nodes, key=lambda n: (layer[n], index_of[n])):
        columns[layer[node_id]].append(node_id)
    # Order each column by where its parents' options are (fewer crossings), column by column.
    parents: dict[str, list[float]] = defaultdict(list)
    boxes: dict[str, NodeBox] = {}
    column_heights: dict[int, float] = {}
    for column in sorted(columns):
        ids = columns[column]
        if column != last or not unreachable:
            ids.sort(key=lambda n: (sum(parents[n]) / len(parents[n]) if parents[n] else 1e9, index_of[n]))
        y = 0.0
        for position, node_id in enumerate(ids):
            box = _box(nodes[node_id], index_of[node_id], by_node[node_id], column, y, analytics, edges_of)
            box.is_start = node_id == start
            box.unreachable = node_id in unreachable
            boxes[node_id] = box
            y += box.height + ROW_GAP
            for row in box.options:
                target = nodes[node_id]["options"][row.number - 1]["next"]
                parents[target].append(position * 1000 + row.y)
        column_heights[column] = y - ROW_GAP
    tallest = max(column_heights.values(), default=0)
    for node_id, box in boxes.items():  # centre each column vertically
        box.y += PAD + (tallest - column_heights[layer[node_id]]) / 2
        for row in box.options:
            row.y += box.y

    edges: list[Edge] = []
    for node_id, box in boxes.items():
        node = nodes[node_id]
        for row in box.options:
            target_id = node["options"][row.number - 1]["next"]
            sx, sy = box.right, row.y
            target = boxes.get(target_id)
            visits = edges_of.get((node_id, row.number)) if analytics else None
            width = 1.6 + (5.4 * visits / most if visits else 0)
            if target is None:  # leads nowhere: a short stub ending in a mark
                edges.append(Edge(f"M{sx:.0f},{sy:.0f} h26", "dangling", width, visits, sx + 32, sy))
                continue
            tx, ty = target.x, target.middle
            kind = "back" if (node_id, row.number) in back or tx <= sx else ""
            between = [b for b in boxes.values() if sx < b.x < tx - 1]
            if between and not kind:  # over or under the columns it skips, not through their boxes
                path = _lane_path(sx, sy, tx, ty, between)
            else:
                bend = max(40.0, (tx - sx) / 2) if not kind else 70.0
                path = f"M{sx:.0f},{sy:.0f} C{sx + bend:.0f},{sy:.0f} {tx - bend:.0f},{ty:.0f} {tx:.0f},{ty:.0f}"
            edges.append(Edge(path, kind, width, visits, sx + 8, sy - 5))
    width = PAD * 2 + (last + (1 if unreachable else 0)) * (BOX_WIDTH + COLUMN_GAP) - COLUMN_GAP + 30
    ordered = sorted(boxes.values(), key=lambda b: b.index)
    return Diagram(max(width, BOX_WIDTH + PAD * 2 + 30), tallest + PAD * 2, ordered, edges, analytics is not None)


def _lane_path(sx: float, sy: float, tx: float, ty: float, between: list[NodeBox]) -> str:
    """An edge that skips columns runs just above or below their boxes."""
    above = min(b.y for b in between) - ROW_GAP / 2
    below = max(b.y + b.height for b in between) + ROW_GAP / 2
    middle = (sy + ty) / 2
    lane = above if abs(middle - above) <= abs(below - middle) else below
    gap = COLUMN_GAP / 2
    return (
        f"M{sx:.0f},{sy:.0f} C{sx + gap:.0f},{sy:.0f} {sx + gap / 2:.0f},{lane:.0f} {sx + gap:.0f},{lane:.0f} "
        f"L{tx - gap:.0f},{lane:.0f} C{tx - gap / 2:.0f},{lane:.0f} {tx - gap:.0f},{ty:.0f} {tx:.0f},{ty:.0f}"
    )


def _box(
    node: dict[str, Any],
    index: int,
    problems: list[Problem],
    column: int,
    y: float,
    analytics: TreeAnalytics | None,
    edges_of: dict[tuple[str, int], int],
) -> NodeBox:
    is_question = node["type"] == QUESTION
    text = markdown_to_text(node.get("prompt" if is_question else "resolution") or "")
    lines = wrap_text(text, TEXT_UNITS, 2) or ["…"]
    box = NodeBox(
        index=index,
        node_id=node["id"],
        kind=node["type"],
        title_lines=lines,
        outcome=node.get("outcome", ""),
        x=PAD + 30 + column * (BOX_WIDTH + COLUMN_GAP),
        y=y,
        height=0,
        problem=_severity(problems),
        tooltip="\n".join(p.message for p in problems) or text[:300],
    )
    if analytics is not None:
        box.visits = analytics.node_visits.get(node["id"], 0)
        box.abandoned = analytics.abandoned_at.get(node["id"], 0)
    top = 36 + len(lines) * LINE + 4
    for number, option in enumerate(node.get("options", []) if is_question else [], start=1):
        mine = [p for p in problems if p.field.startswith(f"options.{number}.")]
        # y is relative to the box until the column is placed
        row = OptionRow(number, clip_text(option.get("label") or "…", LABEL_UNITS), top + OPTION_ROW / 2)
        row.problem = _severity(mine)
        if analytics is not None:
            row.visits = edges_of.get((node["id"], number), 0)
        box.options.append(row)
        top += OPTION_ROW
    box.height = top + 6
    return box


@dataclass
class NodeChange:
    node_id: str
    change: str  # added / removed / changed


def compare_graphs(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[NodeChange]:
    """Which nodes a version adds, removes or changes compared with another, in the new
    version's order (removed ones last); the start node counts as a change of its node."""
    old, new = old or {}, new or {}
    old_nodes = {n.get("id"): n for n in old.get("nodes", []) if isinstance(n, dict)}
    new_nodes = {n.get("id"): n for n in new.get("nodes", []) if isinstance(n, dict)}
    moved = {old.get("start"), new.get("start")} if old.get("start") != new.get("start") else set()
    changes = []
    for node_id, node in new_nodes.items():
        if node_id not in old_nodes:
            changes.append(NodeChange(str(node_id), "added"))
        elif node != old_nodes[node_id] or node_id in moved:
            changes.append(NodeChange(str(node_id), "changed"))
    changes += [NodeChange(str(node_id), "removed") for node_id in old_nodes if node_id not in new_nodes]
    return changes
