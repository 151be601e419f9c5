"""getResolvedOptions, parsing like Glue's: argparse over sys.argv[1:], each asked-for option required.

Glue passes every job argument (and its own: --JOB_ID, --JOB_RUN_ID, --job-bookmark-option, --TempDir, ...) on
the command line; names that were not asked for are ignored, a missing asked-for name stops the script with
argparse's "the following arguments are required: --NAME" and exit status 2, as on Glue.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

# Glue reserves these: a script may not ask for them as its own options.
_BOOKMARK = ("--job-bookmark-option", "job-bookmark-enable", "job-bookmark-pause", "job-bookmark-disable")
_CONTINUATION = (
    "--continuation-option",
    "continuation-enabled",
    "continuation-readonly",
    "continuation-ignore",
)
_ID_PARAMS = ("--JOB_ID", "--JOB_RUN_ID", "--SECURITY_CONFIGURATION")
# Always resolved when present, never required.
_OPTIONAL = ("JOB_NAME", "TempDir")


def getResolvedOptions(args: Sequence[str], options: Sequence[str]) -> dict[str, str | None]:
    parser = argparse.ArgumentParser()
    for reserved in (_BOOKMARK[0], _CONTINUATION[0], *_ID_PARAMS):
        if reserved[2:] in options:
            raise RuntimeError(f"Using reserved arguments {reserved[2:]}")
    parser.add_argument(_BOOKMARK[0], choices=_BOOKMARK[1:], required=False)
    parser.add_argument(_CONTINUATION[0], choices=_CONTINUATION[1:], required=False)
    for name in _ID_PARAMS:
        parser.add_argument(name, required=False)
    for name in _OPTIONAL:
        parser.add_argument(f"--{name}", required=False)
    for option in dict.fromkeys(options):
        if option not in _OPTIONAL:
            parser.add_argument(f"--{option}", required=True)
    parsed, _unknown = parser.parse_known_args(list(args)[1:])
    return vars(parsed)
