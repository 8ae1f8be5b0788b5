"""`manage.py eval_search JUDGMENTS.jsonl [--json] [--baseline]`: relevance of the current
index, like Elasticsearch's rank-eval API. Each line is {"query": "...", "relevant":
["external_id", ...]}; prints MRR@10, Recall@10 and nDCG@10 (binary gains)."""

from __future__ import annotations

import json
import math
import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.evaluation import Judgment, rank_external_ids

K = 10


def score(ranked: list[str], relevant: set[str], k: int = K) -> tuple[float, float, float]:
    """(reciprocal rank, recall, nDCG) of one ranked list, cut at k."""
    top = ranked[:k]
    rr = next((1.0 / (i + 1) for i, doc in enumerate(top) if doc in relevant), 0.0)
    recall = len(relevant.intersection(top)) / len(relevant) if relevant else 0.0
    dcg = sum(1.0 / math.log2(i + 2) for i, doc in enumerate(top) if doc in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return rr, recall, (dcg / ideal if ideal else 0.0)


class Command(BaseCommand):
    help = "Measure search relevance (MRR@10, Recall@10, nDCG@10) against a judgments file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("judgments", help='JSON lines: {"query": "...", "relevant": ["external_id", ...]}')
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="print one JSON object as the last line"
        )
        parser.add_argument(
            "--baseline", action="store_true", help="rank with a plain BM25 OR of the same terms (for comparison)"
        )

    def handle(self, *args: Any, judgments: str, as_json: bool, baseline: bool, **options: Any) -> None:
        cases = self._read(judgments)
        totals = [0.0, 0.0, 0.0]
        started = time.perf_counter()
        for case in tqdm(cases, unit=" queries", file=sys.stderr, disable=not sys.stderr.isatty()):
            ranked = rank_external_ids(case.query, limit=K, baseline=baseline)
            for i, value in enumerate(score(ranked, case.relevant)):
                totals[i] += value
        n = len(cases)
        mrr, recall, ndcg = (round(t / n, 4) for t in totals)
        mode = "baseline: BM25 OR of the same terms" if baseline else "Concord ranking"
        self.stdout.write(f"{n} queries, {mode}, {(time.perf_counter() - started) / n * 1000:.0f} ms/query")
        self.stdout.write(f"MRR@10     {mrr:.4f}\nRecall@10  {recall:.4f}\nnDCG@10    {ndcg:.4f}")
        if as_json:
            self.stdout.write(json.dumps({"queries": n, "mrr@10": mrr, "recall@10": recall, "ndcg@10": ndcg}))

    def _read(self, path: str) -> list[Judgment]:
        cases = []
        try:
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                        cases.append(Judgment(query=str(record["query"]), relevant=set(record["relevant"])))
                    except (ValueError, KeyError, TypeError) as error:
                        raise CommandError(f"{path}:{number}: not a judgment line ({error})") from None
        except OSError as error:
            raise CommandError(str(error)) from None
        if not cases:
            raise CommandError(f"{path}: no judgments")
        return cases
