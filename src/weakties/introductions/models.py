"""Models of introduction requests."""

from __future__ import annotations
