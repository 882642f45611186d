"""Shared test set-up.

The environment (a throw-away ``WEAKTIES_HOME``, tasks run in-process) is set
in ``pyproject.toml`` through pytest-env, before Django's settings load.
"""
