"""`r2p fetch`, `r2p dialogues`."""

from __future__ import annotations
