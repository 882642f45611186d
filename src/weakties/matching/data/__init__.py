"""Data files of the matcher: occupations, families, skills and places (CSV).

A package (with this file) so that setuptools' ``package-data`` glob ``*.csv``
ships them in the wheel; read them through :mod:`weakties.matching.catalogue`.
"""
