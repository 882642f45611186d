"""Models of expertise and target lists."""

from __future__ import annotations
