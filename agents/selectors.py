"""Reads for the search UI: the browse view shown before anything is typed, and the search
analytics editors use to find knowledge gaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Avg, Count, Max, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from agents.models import IndexJob, JobKind, QueryLog
from kb import roles
from kb.models import ArticleVersion, Category
from kb.selectors import visible_versions
from search.models import Synonym


def browse_versions(
    user: roles.User, *, category: str = "", product: str = "", language: str = ""
) -> QuerySet[ArticleVersion]:
    """Published articles the user may read, newest first, narrowed by the filters."""
    versions = visible_versions(user)
    if category:
        versions = versions.filter(category__slug=category)
    if product:
        versions = versions.filter(product=product)
    if language:
        versions = versions.filter(language=language)
    return versions.order_by("-published_at", "-pk")


def popular_versions(user: roles.User, *, days: int = 30, limit: int = 6) -> list[ArticleVersion]:
    """The articles agents opened most from search results lately."""
    since = timezone.now() - timedelta(days=days)
    counts = list(
        QueryLog.objects.filter(at__gte=since, clicked_article_id__isnull=False)
        .values("clicked_article_id")
        .annotate(n=Count("id"))
        .order_by("-n", "clicked_article_id")
        .values_list("clicked_article_id", "n")[: limit * 2]
    )
    if not counts:
        return []
    by_article = {v.article_id: v for v in visible_versions(user).filter(article_id__in=[a for a, _ in counts])}
    return [by_article[a] for a, _ in counts if a in by_article][:limit]


def browse_categories(user: roles.User) -> list[tuple[Category, int]]:
    """Categories with the number of articles the user may read in each (empty ones left out)."""
    counts = dict(
        visible_versions(user).order_by().values("category_id").annotate(n=Count("id")).values_list("category_id", "n")
    )
    return [(c, counts[c.pk]) for c in Category.objects.filter(pk__in=counts).order_by("name")]


# --- analytics ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryRow:
    query: str
    count: int
    results: float  # average number of results
    clicks: int
    last_at: object
    percent: int  # bar width against the largest count in its table


@dataclass(frozen=True)
class DayRow:
    day: date
    count: int
    zero: int
    percent: int
    zero_percent: int


@dataclass
class SearchAnalytics:
    days: int
    searches: int = 0
    distinct: int = 0
    zero: int = 0
    clicked: int = 0
    top: list[QueryRow] = field(default_factory=list)
    gaps: list[QueryRow] = field(default_factory=list)
    unclicked: list[QueryRow] = field(default_factory=list)
    daily: list[DayRow] = field(default_factory=list)

    @property
    def zero_percent(self) -> int | None:
        return round(100 * self.zero / self.searches) if self.searches else None

    @property
    def clicked_percent(self) -> int | None:
        return round(100 * self.clicked / self.searches) if self.searches else None


def _rows(queryset: QuerySet[QueryLog], limit: int) -> list[QueryRow]:
    grouped = list(
        queryset.values("query")
        .annotate(
            n=Count("id"),
            avg=Avg("results"),
            clicks=Count("id", filter=Q(clicked_rank__isnull=False)),
            last=Max("at"),
        )
        .order_by("-n", "query")[:limit]
    )
    top = max((row["n"] for row in grouped), default=0)
    return [
        QueryRow(
            query=row["query"],
            count=row["n"],
            results=round(row["avg"] or 0, 1),
            clicks=row["clicks"],
            last_at=row["last"],
            percent=round(100 * row["n"] / top) if top else 0,
        )
        for row in grouped
    ]


def search_analytics(*, days: int, limit: int = 20, now: object = None) -> SearchAnalytics:
    """Counts over the last `days` days: top queries, queries that found nothing (gaps),
    queries whose results were never opened, and searches per day."""
    end = now or timezone.now()
    since = end - timedelta(days=days)  # type: ignore[operator]
    logs = QueryLog.objects.filter(at__gte=since, at__lte=end)
    totals = logs.aggregate(
        searches=Count("id"),
        distinct=Count("query", distinct=True),
        zero=Count("id", filter=Q(results=0)),
        clicked=Count("id", filter=Q(clicked_rank__isnull=False)),
    )
    result = SearchAnalytics(days=days, **totals)
    result.top = _rows(logs, limit)
    result.gaps = _rows(logs.filter(results=0), limit)
    # Queries that found something but whose results nobody opened, in any of their searches.
    opened = logs.filter(clicked_rank__isnull=False).values("query")
    result.unclicked = _rows(logs.filter(results__gt=0).exclude(query__in=opened), limit)
    per_day = {
        row["day"]: row
        for row in logs.annotate(day=TruncDate("at"))
        .values("day")
        .annotate(n=Count("id"), zero=Count("id", filter=Q(results=0)))
        .order_by("day")
    }
    peak = max((row["n"] for row in per_day.values()), default=0)
    today = timezone.localdate(end)  # type: ignore[arg-type]
    for offset in range(days - 1, -1, -1):
        day = today - timedelta(days=offset)
        row = per_day.get(day, {"n": 0, "zero": 0})
        result.daily.append(
            DayRow(
                day=day,
                count=row["n"],
                zero=row["zero"],
                percent=round(100 * row["n"] / peak) if peak else 0,
                zero_percent=round(100 * row["zero"] / peak) if peak else 0,
            )
        )
    return result


def list_synonyms() -> QuerySet[Synonym]:
    return Synonym.objects.order_by("terms")


def latest_index_job(kind: str | None = None) -> IndexJob | None:
    jobs = IndexJob.objects.all()
    if kind:
        jobs = jobs.filter(kind=JobKind(kind))
    return jobs.order_by("-requested_at", "-pk").first()
