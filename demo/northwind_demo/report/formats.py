"""How the report writes figures: money with its currency and two decimals, counts with thousands separators.

Money is Decimal end to end: a float given here is refused rather than rounded, because a float has already lost
the cents this report promises (0.1 + 0.2 is not 0.3).
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

# Northwind's prices are US dollars; the source carries no currency column, so the report states it once here.
CURRENCY = "USD"
_CENT = Decimal("0.01")


def money(amount: Decimal, currency: str = CURRENCY) -> str:
    """'USD 1,265,793.04': the currency code, thousands separators, exactly two decimals (half up)."""
    if isinstance(amount, float) or not isinstance(amount, Decimal):
        raise TypeError(f"money takes a Decimal, not {type(amount).__name__} ({amount!r}): floats lose cents")
    if not amount.is_finite():
        raise ValueError(f"money takes a finite amount, not {amount}")
    cents = amount.quantize(_CENT, rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    return f"{sign}{currency} {abs(cents):,.2f}"


def count(value: int) -> str:
    """'1,234,567': a whole count with thousands separators."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"count takes an int, not {type(value).__name__} ({value!r})")
    return f"{value:,}"


def signed_count(value: int) -> str:
    """'+1,234' / '0' / '-5': a change in a count."""
    return f"+{count(value)}" if value > 0 else count(value)


def seconds(value: float) -> str:
    """'7 s', '2 min 05 s': a step's duration."""
    whole = round(value)
    if whole < 60:
        return f"{whole} s"
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest:02d} s"


def timestamp(value: datetime) -> str:
    """'2026-12-03 07:14:09 UTC': timestamps in the report are UTC, to the second."""
    return f"{value:%Y-%m-%d %H:%M:%S} UTC"
