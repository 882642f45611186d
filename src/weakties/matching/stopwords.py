"""bm25s's Dutch and English stop-word lists, without importing bm25s.

``import bm25s.stopwords`` runs the package's ``__init__``, which loads scipy
and the BM25 engine (about half a second): every command and page that only
stems words paid for it at start-up.  The lists are read from the module file
itself, so they stay bm25s's own.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = ["STOPWORDS_DUTCH", "STOPWORDS_EN"]


def _lists() -> tuple[tuple[str, ...], tuple[str, ...]]:
    package = importlib.util.find_spec("bm25s")  # finds the package; runs none of it
    if package is None or package.origin is None:  # pragma: no cover - bm25s is a dependency
        raise ImportError("bm25s is not installed")
    path = Path(package.origin).parent / "stopwords.py"
    spec = importlib.util.spec_from_file_location("weakties_bm25s_stopwords", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.STOPWORDS_DUTCH), tuple(module.STOPWORDS_EN)


STOPWORDS_DUTCH, STOPWORDS_EN = _lists()
