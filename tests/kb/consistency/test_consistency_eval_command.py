from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from kb.consistency.evaluate import default_files


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("eval_consistency", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_eval_json_ends_with_one_object_with_overall_and_per_kind_figures(tmp_path: Path):
    articles = tmp_path / "articles.jsonl"
    labels = tmp_path / "labels.jsonl"
    rows = [
        {"external_id": "a", "title": "退货政策", "body": "商品签收后 7 天内可申请无理由退货。", "language": "zh-hans",
         "category": "退货", "tags": [], "product": "商城", "audience": "public"},
        {"external_id": "b", "title": "退货调整", "body": "商品签收后 15 天内可申请无理由退货。", "language": "zh-hans",
         "category": "退货", "tags": [], "product": "商城", "audience": "public"},
        {"external_id": "c", "title": "Returns", "body": "You can return items within 7 days of delivery.",
         "language": "en", "category": "退货", "tags": [], "product": "商城", "audience": "public"},
    ]  # fmt: skip
    articles.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    labels.write_text(
        json.dumps({"a": "a", "b": "b", "kind": "numeric"})
        + "\n"
        + json.dumps({"a": "b", "b": "c", "kind": "numeric"})
        + "\n",
        encoding="utf-8",
    )

    result = json.loads(run(str(articles), str(labels), "--json")[-1])

    assert result["pairs"] == 2
    assert result["precision"] == 1.0 and result["recall"] == 1.0 and result["f1"] == 1.0
    assert set(result["per_kind"]) == {"numeric", "unit", "polarity", "procedure"}
    assert result["per_kind"]["numeric"]["recall"] == 1.0


def test_eval_defaults_to_the_built_in_set_and_reports_both_parts():
    for part in ("dev", "heldout"):
        assert all(path.exists() for path in default_files(part))
    lines = run("--json")
    result = json.loads(lines[-1])
    assert set(result["parts"]) == {"dev", "heldout"}
    assert result["pairs"] >= 50
    assert any(line.startswith("[heldout]") for line in lines)
