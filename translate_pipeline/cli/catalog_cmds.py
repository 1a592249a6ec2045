"""extract / update / translate / stats: the core catalog workflow."""
from __future__ import annotations

COMMANDS: list = []
