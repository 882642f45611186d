"""The demo: an organisation and an employer network built through the real importers and services.

Used by ``weakties demo``, the tests and the browser tests (datasette's habit:
the demo fixtures live inside the package).
"""
