"""Compare and forget after each import (placeholder until the service lands)."""
