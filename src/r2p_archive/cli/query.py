"""`r2p list`, `search`, `show`, `export`, `reindex`, `verify`."""

from __future__ import annotations
