"""Models of ambassadors."""

from __future__ import annotations
