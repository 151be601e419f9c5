"""The name under which each emulator deployment test records its summary line (see conftest.py)."""

SUMMARY_PROPERTY = "summary"
