"""Synonyms editors maintain. They are applied when a query is run, so a change takes
effect on the next search without reindexing."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

SEPARATORS = re.compile(r"[,，、;；=\n]+")


class Synonym(models.Model):
    terms = models.CharField(
        _("terms"),
        max_length=500,
        help_text=_("Words or phrases that mean the same, separated by commas, e.g. 退款, 退钱, refund."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return list(dict.fromkeys(t.strip() for t in SEPARATORS.split(self.terms) if t.strip()))
