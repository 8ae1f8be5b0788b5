"""The graph schema (SCHEMA.md) and its rules, in two passes.

normalize_graph() checks the shape — JSON types, known node types and fields, unique node
ids, sizes — and returns the canonical form that is stored and exported. A graph that fails
it cannot be saved at all. validate_graph() runs it and then the rules an editor may break
while building (empty text, options leading nowhere, unreachable nodes, loops, links to
unpublished articles...): a draft may be saved with those, but submit and publish refuse it.
Warnings never block. Every message names the node it is about."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from kb.selectors import live_versions
from kb.trees.models import MAX_NODE_ID_CHARS
from kb.trees.selectors import find_linked_articles, live_tree_versions

ERROR = "error"
WARNING = "warning"

QUESTION = "question"
OUTCOME = "outcome"
OUTCOME_KINDS = ("resolved", "escalate", "handoff")

MAX_NODES = 500
MAX_OPTIONS = 50
MAX_ARTICLE_LINKS = 50
MAX_PROMPT_CHARS = 10_000
MAX_RESOLUTION_CHARS = 100_000
MAX_LABEL_CHARS = 500
MAX_NAME_CHARS = 100  # team names, tree and article external ids
WARN_OPTIONS = 9  # the runner's keys 1-9
WARN_DEPTH = 12  # questions on one path

GRAPH_KEYS = ("start", "nodes")
QUESTION_KEYS = ("id", "type", "prompt", "guidance", "options")
OPTION_KEYS = ("label", "next")
OUTCOME_KEYS = ("id", "type", "resolution", "outcome", "team", "tree", "articles")

ArticleLink = int | str


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a graph. `field` is a path inside the node ("prompt",
    "options.2.next", "articles.1"; options and links are numbered from 1), or inside the
    graph ("start", "nodes.3.id") when node_id is None."""

    node_id: str | None
    field: str
    code: str
    message: str
    severity: str = ERROR

    @property
    def key(self) -> str:
        """The name this problem has in ValidationFailed.fields and API responses."""
        return self.field if self.node_id is None else f"nodes.{self.node_id}.{self.field}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "node_id": self.node_id,
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "severity": self.severity,
        }


_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def storable(text: str) -> bool:
    """PostgreSQL cannot store NUL in text or JSON, and no database can store a lone
    surrogate (which JSON's \\ud800 escapes can produce)."""
    return _UNSTORABLE.search(text) is None


def errors_of(problems: list[Problem]) -> dict[str, list[str]]:
    """The blocking problems as ValidationFailed fields: {key: [messages]}."""
    fields: dict[str, list[str]] = {}
    for problem in problems:
        if problem.severity == ERROR:
            fields.setdefault(f"graph.{problem.key}", []).append(problem.message)
    return fields


def _named(node_id: str) -> str:
    return _("Node “%(node)s”") % {"node": node_id}


class _Shape:
    """Collects shape problems while building the canonical graph."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, node_id: str | None, field: str, code: str, message: str) -> None:
        self.problems.append(Problem(node_id, field, code, message))

    def text(self, raw: dict[str, Any], name: str, limit: int, node_id: str, where: str, who: str) -> str:
        value = raw.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(
                node_id, where, "wrong_type", _("%(who)s: “%(field)s” must be text.") % {"who": who, "field": where}
            )
            return ""
        value = value.strip()
        if not storable(value):
            message = _("%(who)s: “%(field)s” contains characters that cannot be stored (NUL or a lone surrogate).")
            self.fail(node_id, where, "bad_characters", message % {"who": who, "field": where})
            return ""
        if len(value) > limit:
            self.fail(
                node_id,
                where,
                "too_long",
                _("%(who)s: “%(field)s” is longer than %(n)d characters.") % {"who": who, "field": where, "n": limit},
            )
        return value

    def unknown_keys(
        self, raw: dict[str, Any], allowed: tuple[str, ...], node_id: str | None, where: str, who: str
    ) -> None:
        for key in raw:
            if key not in allowed:
                self.fail(
                    node_id,
                    f"{where}{key}" if where else str(key),
                    "unknown_field",
                    _("%(who)s: unknown field “%(field)s” (allowed: %(allowed)s).")
                    % {"who": who, "field": key, "allowed": ", ".join(allowed)},
                )


def normalize_graph(raw: Any) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The canonical form of a graph (known keys only, in a fixed order, text stripped,
    missing optional fields filled in) and the shape problems. The graph is None if there
    are any: it cannot be stored."""
    shape = _Shape()
    if not isinstance(raw, dict):
        shape.fail(None, "graph", "wrong_type", _("The graph must be a JSON object with “start” and “nodes”."))
        return None, shape.problems
    shape.unknown_keys(raw, GRAPH_KEYS, None, "", _("The graph"))
    start = raw.get("start")
    if start is None:
        start = ""
    elif not isinstance(start, str) or not storable(start) or len(start) > MAX_NODE_ID_CHARS:
        shape.fail(None, "start", "wrong_type", _("“start” must be the id of a node (text)."))
        start = ""
    nodes_raw = raw.get("nodes")
    if nodes_raw is None:
        nodes_raw = []
    if not isinstance(nodes_raw, list):
        shape.fail(None, "nodes", "wrong_type", _("“nodes” must be a list of nodes."))
        return None, shape.problems
    if len(nodes_raw) > MAX_NODES:
        shape.fail(None, "nodes", "too_many_nodes", _("A tree can have at most %(n)d nodes.") % {"n": MAX_NODES})
        return None, shape.problems

    nodes: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, node_raw in enumerate(nodes_raw, start=1):
        node = _normalize_node(shape, node_raw, index, seen)
        if node is not None:
            nodes.append(node)
    if shape.problems:
        return None, shape.problems
    return {"start": start.strip(), "nodes": nodes}, []


def _normalize_node(shape: _Shape, raw: Any, index: int, seen: set[str]) -> dict[str, Any] | None:
    where = f"nodes.{index}"
    if not isinstance(raw, dict):
        shape.fail(None, where, "wrong_type", _("Node %(n)d in the list is not a JSON object.") % {"n": index})
        return None
    node_id = raw.get("id")
    if not isinstance(node_id, str) or not node_id.strip():
        message = _("Node %(n)d in the list has no id (a non-empty text).") % {"n": index}
        shape.fail(None, f"{where}.id", "missing_id", message)
        return None
    node_id = node_id.strip()
    if not storable(node_id):
        message = _("Node %(n)d in the list: the id contains characters that cannot be stored.")
        shape.fail(None, f"{where}.id", "bad_characters", message % {"n": index})
        return None
    if len(node_id) > MAX_NODE_ID_CHARS:
        message = _("Node %(n)d in the list: the id is longer than %(max)d characters.")
        shape.fail(None, f"{where}.id", "too_long", message % {"n": index, "max": MAX_NODE_ID_CHARS})
        return None
    who = _named(node_id)
    if node_id in seen:
        shape.fail(node_id, "id", "duplicate_id", _("%(who)s: another node has the same id.") % {"who": who})
        return None
    seen.add(node_id)

    kind = raw.get("type")
    if kind == QUESTION:
        return _normalize_question(shape, raw, node_id, who)
    if kind == OUTCOME:
        return _normalize_outcome(shape, raw, node_id, who)
    message = _("%(who)s: unknown type %(type)s; use “question” or “outcome”.")
    shape.fail(node_id, "type", "unknown_type", message % {"who": who, "type": _json_repr(kind)})
    return None


def _normalize_question(shape: _Shape, raw: dict[str, Any], node_id: str, who: str) -> dict[str, Any]:
    shape.unknown_keys(raw, QUESTION_KEYS, node_id, "", who)
    prompt = shape.text(raw, "prompt", MAX_PROMPT_CHARS, node_id, "prompt", who)
    guidance = shape.text(raw, "guidance", MAX_PROMPT_CHARS, node_id, "guidance", who)
    options_raw = raw.get("options")
    if options_raw is None:
        options_raw = []
    options: list[dict[str, str]] = []
    if not isinstance(options_raw, list):
        shape.fail(node_id, "options", "wrong_type", _("%(who)s: “options” must be a list.") % {"who": who})
    elif len(options_raw) > MAX_OPTIONS:
        message = _("%(who)s: a question can have at most %(n)d options.")
        shape.fail(node_id, "options", "too_many_options", message % {"who": who, "n": MAX_OPTIONS})
    else:
        for number, option_raw in enumerate(options_raw, start=1):
            where = f"options.{number}"
            if not isinstance(option_raw, dict):
                message = _("%(who)s: option %(n)d must be a JSON object with “label” and “next”.")
                shape.fail(node_id, where, "wrong_type", message % {"who": who, "n": number})
                continue
            shape.unknown_keys(option_raw, OPTION_KEYS, node_id, f"{where}.", who)
            label = shape.text(option_raw, "label", MAX_LABEL_CHARS, node_id, f"{where}.label", who)
            target = shape.text(option_raw, "next", MAX_NODE_ID_CHARS, node_id, f"{where}.next", who)
            options.append({"label": label, "next": target})
    return {"id": node_id, "type": QUESTION, "prompt": prompt, "guidance": guidance, "options": options}


def _normalize_outcome(shape: _Shape, raw: dict[str, Any], node_id: str, who: str) -> dict[str, Any]:
    shape.unknown_keys(raw, OUTCOME_KEYS, node_id, "", who)
    resolution = shape.text(raw, "resolution", MAX_RESOLUTION_CHARS, node_id, "resolution", who)
    kind = shape.text(raw, "outcome", MAX_NAME_CHARS, node_id, "outcome", who)
    team = shape.text(raw, "team", MAX_NAME_CHARS, node_id, "team", who)
    tree = shape.text(raw, "tree", MAX_NAME_CHARS, node_id, "tree", who)
    articles_raw = raw.get("articles")
    if articles_raw is None:
        articles_raw = []
    articles: list[ArticleLink] = []
    if not isinstance(articles_raw, list):
        shape.fail(node_id, "articles", "wrong_type", _("%(who)s: “articles” must be a list.") % {"who": who})
    elif len(articles_raw) > MAX_ARTICLE_LINKS:
        message = _("%(who)s: an outcome can link at most %(n)d articles.")
        shape.fail(node_id, "articles", "too_many_links", message % {"who": who, "n": MAX_ARTICLE_LINKS})
    else:
        for number, link in enumerate(articles_raw, start=1):
            if isinstance(link, str) and link.strip() and len(link.strip()) <= MAX_NAME_CHARS and storable(link):
                articles.append(link.strip())
            elif isinstance(link, int) and not isinstance(link, bool) and 0 < link < 2**63:
                articles.append(link)
            else:
                message = _("%(who)s: article link %(n)d must be an article id (a number) or external id (text).")
                shape.fail(node_id, f"articles.{number}", "wrong_type", message % {"who": who, "n": number})
    return {
        "id": node_id,
        "type": OUTCOME,
        "resolution": resolution,
        "outcome": kind,
        "team": team,
        "tree": tree,
        "articles": articles,
    }


def _json_repr(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 40 else text[:37] + "…"


def validate_graph(raw: Any, *, check_links: bool = True) -> list[Problem]:
    """Every problem with a graph, errors and warnings, in node order. With check_links,
    outcome links are looked up: articles must be published now, handoff trees should be."""
    graph, problems = normalize_graph(raw)
    if graph is None:
        return problems
    nodes = {node["id"]: node for node in graph["nodes"]}
    problems = []
    start = graph["start"]
    if not nodes:
        problems.append(Problem(None, "nodes", "no_nodes", _("The tree has no nodes yet.")))
    if not start:
        problems.append(Problem(None, "start", "missing_start", _("Choose the start node.")))
    elif start not in nodes:
        message = _("The start node “%(node)s” does not exist.") % {"node": start}
        problems.append(Problem(None, "start", "unknown_start", message))

    for node in graph["nodes"]:
        if node["type"] == QUESTION:
            problems.extend(_check_question(node, nodes))
        else:
            problems.extend(_check_outcome(node))
    if check_links:
        problems.extend(_check_links(graph["nodes"]))
    problems.extend(_check_paths(graph, nodes))
    order = {node_id: index for index, node_id in enumerate(nodes)}
    return sorted(problems, key=lambda p: -1 if p.node_id is None else order.get(p.node_id, len(order)))


def _check_question(node: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> list[Problem]:
    node_id, who = node["id"], _named(node["id"])
    found: list[Problem] = []
    if not node["prompt"]:
        found.append(Problem(node_id, "prompt", "empty_text", _("%(who)s: the question is empty.") % {"who": who}))
    if not node["options"]:
        message = _("%(who)s: a question needs at least one answer option.") % {"who": who}
        found.append(Problem(node_id, "options", "no_options", message))
    elif len(node["options"]) > WARN_OPTIONS:
        message = _("%(who)s has %(n)d options; the runner's number keys reach only the first %(max)d.")
        found.append(
            Problem(
                node_id,
                "options",
                "many_options",
                message % {"who": who, "n": len(node["options"]), "max": WARN_OPTIONS},
                WARNING,
            )
        )
    labels: dict[str, int] = {}
    for number, option in enumerate(node["options"], start=1):
        names = {"who": who, "n": number, "label": option["label"], "next": option["next"]}
        if not option["label"]:
            message = _("%(who)s: option %(n)d has no label.") % names
            found.append(Problem(node_id, f"options.{number}.label", "empty_text", message))
        else:
            key = option["label"].casefold()
            if key in labels:
                names["first"] = labels[key]
                message = _("%(who)s: option %(n)d has the same label as option %(first)d (“%(label)s”).") % names
                found.append(Problem(node_id, f"options.{number}.label", "duplicate_label", message))
            labels.setdefault(key, number)
        if not option["next"]:
            message = _("%(who)s: option %(n)d (“%(label)s”) does not lead to any node.") % names
            found.append(Problem(node_id, f"options.{number}.next", "dangling_option", message))
        elif option["next"] not in nodes:
            message = _("%(who)s: option %(n)d (“%(label)s”) leads to “%(next)s”, which does not exist.") % names
            found.append(Problem(node_id, f"options.{number}.next", "unknown_target", message))
    return found


def _check_outcome(node: dict[str, Any]) -> list[Problem]:
    node_id, who = node["id"], _named(node["id"])
    found: list[Problem] = []
    if not node["resolution"]:
        message = _("%(who)s: the resolution is empty.") % {"who": who}
        found.append(Problem(node_id, "resolution", "empty_text", message))
    kind = node["outcome"]
    if kind not in OUTCOME_KINDS:
        message = _("%(who)s: the outcome must be one of %(kinds)s, not %(value)s.")
        names = {"who": who, "kinds": ", ".join(OUTCOME_KINDS), "value": _json_repr(kind)}
        found.append(Problem(node_id, "outcome", "unknown_outcome", message % names))
    if kind == "escalate" and not node["team"]:
        message = _("%(who)s escalates but names no team.") % {"who": who}
        found.append(Problem(node_id, "team", "no_team", message, WARNING))
    if kind != "escalate" and node["team"]:
        message = _("%(who)s: a team is only used when the outcome is “escalate”.") % {"who": who}
        found.append(Problem(node_id, "team", "unused_field", message, WARNING))
    if kind == "handoff" and not node["tree"]:
        message = _("%(who)s hands off, but does not name the tree to hand off to.") % {"who": who}
        found.append(Problem(node_id, "tree", "no_handoff_tree", message))
    if kind != "handoff" and node["tree"]:
        message = _("%(who)s: a tree is only used when the outcome is “handoff”.") % {"who": who}
        found.append(Problem(node_id, "tree", "unused_field", message, WARNING))
    return found


def _check_links(nodes: list[dict[str, Any]]) -> list[Problem]:
    """Articles must be published now; a handoff tree should be (warning: the two trees
    may be published in either order)."""
    outcomes = [node for node in nodes if node["type"] == OUTCOME]
    links = [link for node in outcomes for link in node["articles"]]
    live = find_linked_articles(links, live_versions()) if links else {}
    handoffs = {node["tree"] for node in outcomes if node["outcome"] == "handoff" and node["tree"]}
    published_trees = set()
    if handoffs:
        found_trees = live_tree_versions().filter(tree__external_id__in=handoffs)
        published_trees = set(found_trees.values_list("tree__external_id", flat=True))
    found: list[Problem] = []
    for node in outcomes:
        who = _named(node["id"])
        for number, link in enumerate(node["articles"], start=1):
            if link not in live:
                message = _("%(who)s: linked article %(link)s is not published.")
                found.append(
                    Problem(
                        node["id"],
                        f"articles.{number}",
                        "article_not_published",
                        message % {"who": who, "link": _json_repr(link)},
                    )
                )
        if node["outcome"] == "handoff" and node["tree"] and node["tree"] not in published_trees:
            message = _("%(who)s hands off to the tree “%(tree)s”, which is not published (yet).")
            found.append(
                Problem(node["id"], "tree", "tree_not_published", message % {"who": who, "tree": node["tree"]}, WARNING)
            )
    return found


def _check_paths(graph: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> list[Problem]:
    """Unreachable nodes, loops, and (when there are no loops) very deep paths."""

    def targets(node_id: str) -> list[tuple[int, str]]:
        node = nodes[node_id]
        if node["type"] != QUESTION:
            return []
        return [(n, o["next"]) for n, o in enumerate(node["options"], start=1) if o["next"] in nodes]

    found: list[Problem] = []
    start = graph["start"]
    if start in nodes:
        reached = {start}
        queue = deque([start])
        while queue:
            for _number, target in targets(queue.popleft()):
                if target not in reached:
                    reached.add(target)
                    queue.append(target)
        for node_id in nodes:
            if node_id not in reached:
                message = _("%(who)s cannot be reached from the start node.") % {"who": _named(node_id)}
                found.append(Problem(node_id, "id", "unreachable", message))

    loops = _find_loops(nodes, targets)
    for node_id, number, target, path in loops:
        message = _("%(who)s: option %(n)d leads back to “%(target)s”, which makes a loop: %(path)s.")
        names = {"who": _named(node_id), "n": number, "target": target, "path": " → ".join(path)}
        found.append(Problem(node_id, f"options.{number}.next", "cycle", message % names))
    if not loops and start in nodes:
        depth, deepest = _deepest_path(start, nodes, targets)
        if depth > WARN_DEPTH:
            message = _(
                "A path from the start asks %(n)d questions, ending at %(who)s; more than %(max)d is hard to "
                "follow on a call."
            )
            names = {"n": depth, "who": _named(deepest), "max": WARN_DEPTH}
            found.append(Problem(deepest, "id", "deep_path", message % names, WARNING))
    return found


def _find_loops(nodes: dict[str, dict[str, Any]], targets: Any) -> list[tuple[str, int, str, list[str]]]:
    """Each back edge found by an iterative depth-first search: (node, option number,
    target, the loop's path). Iterative, so that a long chain cannot hit the recursion limit."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    loops = []
    for root in nodes:
        if root in state:
            continue
        path = [root]
        stack = [(root, iter(targets(root)))]
        state[root] = 1
        while stack:
            node_id, edges = stack[-1]
            for number, target in edges:
                if state.get(target) == 1:
                    loops.append((node_id, number, target, [*path[path.index(target) :], target]))
                elif target not in state:
                    state[target] = 1
                    path.append(target)
                    stack.append((target, iter(targets(target))))
                    break
            else:
                state[node_id] = 2
                stack.pop()
                path.pop()
    return loops


def _deepest_path(start: str, nodes: dict[str, dict[str, Any]], targets: Any) -> tuple[int, str]:
    """The most questions on any path from the start in a loop-free graph, and the last
    question on that path."""
    order: list[str] = []
    seen = {start}
    stack = [(start, iter(targets(start)))]
    while stack:  # post-order, iteratively
        node_id, edges = stack[-1]
        for _number, target in edges:
            if target not in seen:
                seen.add(target)
                stack.append((target, iter(targets(target))))
                break
        else:
            order.append(node_id)
            stack.pop()
    best: dict[str, tuple[int, str]] = {}
    for node_id in order:  # children before parents
        below = max((best[t] for _n, t in targets(node_id)), default=(0, node_id))
        if nodes[node_id]["type"] == QUESTION:
            best[node_id] = (below[0] + 1, below[1] if below[0] else node_id)
        else:
            best[node_id] = (0, node_id)
    return best[start]
