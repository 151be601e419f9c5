"""The cross-engine fixtures (one ingested state per session), defined in cross_engine_state.py: a module
of its own name, because every test folder's conftest.py is a module called `conftest`."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cross_engine_state import change_build, cross_engine, fault_build, full_build, return_build

__all__ = ["change_build", "cross_engine", "fault_build", "full_build", "return_build"]
