"""Finding this machine's engines (Terraform, OpenTofu) and AWS provider mirror (never hard-coded: the image decides)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

MIRROR_DIR_NAME = "tf-plugins"
AWS_PROVIDER_DIR = Path("registry.terraform.io") / "hashicorp" / "aws"
ROOT = Path(__file__).resolve().parents[2]
# Where scripts/setup-test.d/40-opentofu.sh builds OpenTofu, at the version pinned in .opentofu-version.
TOFU_BUILT = ROOT / ".local" / "bin" / "tofu"
TOFU_VERSION_FILE = ROOT / ".opentofu-version"
ENGINES = ("tofu", "terraform")
# The registry host each engine resolves `hashicorp/aws` to; the mirror's folders are named by it.
REGISTRY_HOSTS = {"terraform": "registry.terraform.io", "tofu": "registry.opentofu.org"}


@dataclass(frozen=True)
class Tools:
    engine: str
    binary: str
    version: str
    # A filesystem mirror laid out for this engine's registry host.
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


def _engine_binary(engine: str) -> str | None:
    if engine == "tofu":
        return str(TOFU_BUILT) if TOFU_BUILT.is_file() else shutil.which("tofu")
    return shutil.which("terraform")


def _engine_version(binary: str) -> str:
    """The version line's number; the CLI may print configuration warnings before that line."""
    out = subprocess.run([binary, "version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^(?:OpenTofu|Terraform) v(\d+\.\d+\.\d+\S*)", out, re.MULTILINE)
    return match.group(1) if match else out.strip()


def serve_mirror_as(mirror: Path, host: str, work: Path) -> Path:
    """A mirror folder serving the machine mirror's AWS provider under `host`.

    OpenTofu resolves `hashicorp/aws` to registry.opentofu.org, and a filesystem mirror is laid out by host:
    the provider binary is the same, so each platform folder is linked under OpenTofu's name (the engines follow
    a symlink at that level, not above it).
    """
    if host == AWS_PROVIDER_DIR.parts[0]:
        return mirror
    served = work / f"mirror-{host}"
    for platform in sorted((mirror / AWS_PROVIDER_DIR).glob("*/*")):
        if not platform.is_dir():
            continue
        link = (
            served
            / host
            / AWS_PROVIDER_DIR.relative_to(AWS_PROVIDER_DIR.parts[0])
            / platform.parent.name
            / platform.name
        )
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.exists():
            link.symlink_to(platform)
    return served


def find_tools(engine: str, work: Path) -> Tools | str:
    """The engine and a mirror it can install from, or a sentence saying what is missing."""
    binary = _engine_binary(engine)
    if binary is None:
        if engine == "tofu":
            return f"tofu is neither at {TOFU_BUILT} (make setup-test builds it) nor on the PATH"
        return "terraform is not on the PATH"
    version = _engine_version(binary)
    if engine == "tofu" and TOFU_VERSION_FILE.is_file():
        pinned = TOFU_VERSION_FILE.read_text(encoding="utf-8").strip()
        if version != pinned:
            return f"tofu {version} found at {binary}, but {TOFU_VERSION_FILE.name} pins {pinned}: run make setup-test"
    for mirror in _mirror_candidates():
        versions = sorted(
            p.name for p in (mirror / AWS_PROVIDER_DIR).glob("*") if (p / "linux_amd64").is_dir()
        )
        if versions:
            return Tools(
                engine=engine,
                binary=binary,
                version=version,
                mirror=serve_mirror_as(mirror, REGISTRY_HOSTS[engine], work),
                aws_provider_version=versions[-1],
            )
    return (
        f"no {MIRROR_DIR_NAME} folder holding {AWS_PROVIDER_DIR}/<version>/linux_amd64 within two levels of /"
    )
