"""The operator's commands: rebuild_index and eval_search."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kb.models import Audience
from search import services as search

pytestmark = pytest.mark.django_db


def test_rebuild_index_indexes_every_live_article(publish):
    publish(title="退货政策", body="七天无理由退货。")
    publish(title="发票政策", body="电子发票。")
    out = StringIO()

    call_command("rebuild_index", stdout=out)

    assert "2" in out.getvalue()
    assert search.search("发票", audience=Audience.INTERNAL).total == 1


def test_eval_search_prints_the_metrics_and_ends_with_one_json_line(publish, tmp_path: Path):
    publish(title="退货政策", body="七天无理由退货。", external_id="kb-1")
    publish(title="发票政策", body="电子发票在订单完成后开具。", external_id="kb-2")
    publish(title="运费说明", body="满 99 元包邮。", external_id="kb-3")
    search.rebuild()
    judgments = tmp_path / "judgments.jsonl"
    lines = [
        {"query": "怎么退货", "relevant": ["kb-1"]},
        {"query": "电子发票什么时候开", "relevant": ["kb-2"]},
        {"query": "包邮吗", "relevant": ["kb-3", "kb-9"]},
    ]
    judgments.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")

    for extra in ([], ["--baseline"]):
        out = StringIO()
        call_command("eval_search", str(judgments), "--json", *extra, stdout=out)
        report = json.loads(out.getvalue().strip().splitlines()[-1])

        assert report == {"queries": 3, "mrr@10": 1.0, "recall@10": pytest.approx(0.8333, abs=1e-4),
                          "ndcg@10": pytest.approx(report["ndcg@10"])}  # fmt: skip
        assert 0.8 < report["ndcg@10"] < 1.0
        assert "MRR@10" in out.getvalue()


def test_eval_search_refuses_a_file_that_is_not_judgments(tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"q": "x"}\n')

    with pytest.raises(CommandError, match=r"bad\.jsonl:1"):
        call_command("eval_search", str(bad))
