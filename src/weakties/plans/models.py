"""Models of networking plans."""

from __future__ import annotations
