"""Index jobs keep counts and a failure reason instead of an English sentence, so the admin page
can say what came of a job in the reader's language. Existing rows are converted, not dropped."""

import re

from django.db import migrations, models

_REPAIRED = re.compile(r"^(\d+) re-indexed, (\d+) removed$")


def sentences_to_fields(apps, schema_editor):
    IndexJob = apps.get_model("agents", "IndexJob")
    for job in IndexJob.objects.exclude(outcome=""):
        repaired = _REPAIRED.match(job.outcome)
        if job.state == "failed":
            if job.outcome.startswith("interrupted"):
                job.failure = "interrupted"
            elif job.outcome == "the task queue could not be reached":
                job.failure = "queue-unreachable"
            else:
                job.failure = job.outcome
        elif repaired:
            job.reindexed, job.removed = int(repaired[1]), int(repaired[2])
        job.save(update_fields=["failure", "reindexed", "removed"])


class Migration(migrations.Migration):
    dependencies = [
        ("agents", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="indexjob",
            name="failure",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="indexjob",
            name="reindexed",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="indexjob",
            name="removed",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(sentences_to_fields, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="indexjob",
            name="outcome",
        ),
    ]
