"""Importing an employee's network exports, step by step.

* :mod:`.files` reads, checks and parses one file (no database);
* :mod:`.plan` resolves a parsed file into a plan: people, companies, ties;
* :mod:`.ahead` does both for many files in a second process, ahead of the importer;
* :mod:`.importer` writes plans, all or nothing per file
  (:class:`~.importer.NetworkImporter`), with the bulk writers of
  :mod:`weakties.core.bulk`.
"""
