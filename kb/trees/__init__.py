"""Guided question trees: versioned graphs of questions and outcomes that an agent (or a
chatbot over the API) walks with a caller. See SCHEMA.md for the graph format.

models.py     QuestionTree, TreeVersion, TreeRun, TreeRunStep (imported by kb.models)
validation.py the graph schema and its rules: validate_graph() -> [Problem]
services.py   every write to trees (create, save draft, submit, publish, ...)
selectors.py  every read with a rule in it (who may run, edit or review which tree)
runs.py       the runner's state machine (start, choose, back, restart, finish)
analytics.py  per-version numbers computed from runs
transfer.py   the JSON import/export format"""
