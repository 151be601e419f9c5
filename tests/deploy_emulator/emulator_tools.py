"""Finding this machine's Terraform engine and AWS provider mirror (never hard-coded: the image decides)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

MIRROR_DIR_NAME = "tf-plugins"
AWS_PROVIDER_DIR = Path("registry.terraform.io") / "hashicorp" / "aws"


@dataclass(frozen=True)
class Tools:
    terraform: str
    mirror: Path
    aws_provider_version: str


def _mirror_candidates() -> list[Path]:
    """Folders named tf-plugins at most two levels below / (what `find / -maxdepth 2 -name tf-plugins` lists)."""
    found: list[Path] = []
    root = Path("/")
    for first in sorted(root.iterdir()):
        try:
            if first.name == MIRROR_DIR_NAME and first.is_dir():
                found.append(first)
            elif first.is_dir() and not first.is_symlink():
                found.extend(p for p in sorted(first.iterdir()) if p.name == MIRROR_DIR_NAME and p.is_dir())
        except OSError:
            continue
    return found


def find_tools() -> Tools | str:
    """The engine and the mirror, or a sentence saying what is missing."""
    terraform = shutil.which("terraform")
    if terraform is None:
        return "terraform is not on the PATH"
    for mirror in _mirror_candidates():
        versions = sorted(
            p.name for p in (mirror / AWS_PROVIDER_DIR).glob("*") if (p / "linux_amd64").is_dir()
        )
        if versions:
            return Tools(terraform=terraform, mirror=mirror, aws_provider_version=versions[-1])
    return (
        f"no {MIRROR_DIR_NAME} folder holding {AWS_PROVIDER_DIR}/<version>/linux_amd64 within two levels of /"
    )
