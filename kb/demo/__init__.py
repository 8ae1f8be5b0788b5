"""Demo content for `manage.py load_demo`: articles.jsonl (a fictional contact center's
knowledge base, in the import format of kb/records.py) and the demo users."""
