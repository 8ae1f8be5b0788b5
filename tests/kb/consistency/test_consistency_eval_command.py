from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from kb.consistency import evaluate
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


def test_eval_runs_the_built_in_parts_it_is_given_and_reports_each():
    for part in ("dev", "dev2"):
        assert all(path.exists() for path in default_files(part))
    lines = run("--parts", "dev", "dev2", "--json")
    result = json.loads(lines[-1])
    assert set(result["parts"]) == {"dev", "dev2"}
    assert result["pairs"] >= 50
    assert any(line.startswith("[dev2]") for line in lines)


def test_eval_skips_a_part_that_has_not_been_built_yet_with_a_note(tmp_path: Path, monkeypatch):
    # A directory holding only dev stands for a set whose held-out part is still being written.
    for path in default_files("dev"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(evaluate, "EVALSET_DIR", tmp_path)
    err = StringIO()
    out = StringIO()
    call_command("eval_consistency", "--parts", "dev", "heldout", "--json", stdout=out, stderr=err)
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert "pairs" in result and "parts" not in result  # one part ran
    assert "heldout" in err.getvalue()
