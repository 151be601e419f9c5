"""The documentation stays true to the repository.

- The generated reference (docs/settings.md from config/, docs/make-targets.md from `make help`) is current.
- Every relative link in a Markdown file resolves, and every repository path a doc names (in backticks or a code
  block) or a code comment names exists.
- No comment cites a document the repository does not have (a `*.md` name), and a citation of a section
  (`docs/deploy.md, "The recipe"`, `README "Status"`) names a heading that exists.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Paths that exist only once something ran (state, build output, installs) or outside the repository.
GENERATED_PREFIXES = (
    ".local/",
    ".local",
    "cdktf.out",
    "dist/",
    "node_modules/",
    ".venv/",
    "../",
    "~/",
    "dbt/vault/target",
    "dbt/serving/target",
    "dbt/vault/logs",
    "target/",
    "logs/",
)
# A word ending in one of these is a file name even when its folder is not a top-level one.
FILE_EXTENSIONS = (
    "py",
    "ts",
    "js",
    "mjs",
    "sh",
    "sql",
    "yml",
    "yaml",
    "md",
    "json",
    "toml",
    "txt",
    "lock",
    "cfg",
)
# Folders a comment's path may be relative to besides its own folder and the repository root.
PROJECT_ROOTS = ("dbt/vault", "dbt/vault/models", "dbt/serving", "glue_job", "datagen", "demo", "scripts")
CODE_SUFFIXES = {".py", ".ts", ".js", ".mjs", ".sh", ".sql", ".yml", ".yaml", ".toml"}
COMMENT_LINE = re.compile(r"^\s*(#|//|/\*|\*|--|\{#)")
PATH_WORD = re.compile(r"[\w.@/-]*/[\w.@/-]*")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
CITED_DOC = re.compile(r"\b([A-Z][A-Z_]+\.md)\b")
CITED_SECTION = re.compile(r"((?:docs/[\w-]+|README|CHANGELOG)(?:\.md)?)[,:]?\s*\(?\"([^\"]+)\"")


@cache
def tracked() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [ROOT / name for name in out.split("\0") if name and (ROOT / name).is_file()]


def markdown_files() -> list[Path]:
    # Files added but not yet tracked count too (a new page checks before its first commit).
    untracked = subprocess.run(
        ["git", "ls-files", "-z", "--others", "--exclude-standard", "*.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    extra = [ROOT / name for name in untracked.split("\0") if name]
    return sorted({p for p in [*tracked(), *extra] if p.suffix == ".md"})


def code_files() -> list[Path]:
    return [p for p in tracked() if p.suffix in CODE_SUFFIXES and "__snapshots__" not in p.parts]


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _is_repo_path(word: str) -> bool:
    """A word that names a file or folder of this repository (not a URL, a pattern or a runtime path)."""
    word = word.rstrip(".,:;)")
    if not word or "/" not in word or word.startswith(("/", "http", "s3:")) or "//" in word:
        return False
    if word.startswith(GENERATED_PREFIXES) or any(c in word for c in "<>*$={}"):
        return False
    # A placeholder in capitals (`scripts/setup.d/NN-name.sh`) names a pattern, not a file.
    if re.search(r"(^|[/-])[A-Z]{2,}([/-]|$)", word):
        return False
    first = word.removeprefix("./").split("/")[0]
    top_level = (ROOT / first).exists() and first not in {"", "."}
    return top_level or word.rsplit(".", 1)[-1] in FILE_EXTENSIONS


def _exists(word: str, source: Path) -> bool:
    word = word.rstrip(".,:;)").removeprefix("./")
    bases = [source.parent, *source.parent.parents, *(ROOT / r for r in PROJECT_ROOTS)]
    return any((base / word).exists() for base in bases if base == ROOT or ROOT in base.parents)


def _markdown_words(text: str) -> list[str]:
    """Words in inline code and in fenced code blocks."""
    words: list[str] = []
    for block in re.findall(r"```[^\n]*\n(.*?)```", text, flags=re.DOTALL):
        words += block.split()
    without_blocks = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    for code in re.findall(r"`([^`\n]+)`", without_blocks):
        words += code.split()
    return words


def _comments(path: Path) -> list[str]:
    """Comment lines, and for Python the docstrings too."""
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = [line for line in text.splitlines() if COMMENT_LINE.match(line)]
    if path.suffix == ".py":
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return lines
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node)
                if doc:
                    lines += doc.splitlines()
    return lines


@cache
def _headings(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    headings = [h.strip().lower() for h in re.findall(r"^#+\s+(.*)$", text, flags=re.MULTILINE)]
    # Bold lead-ins ("**Ghost records** ...") are sections too.
    headings += [b.strip().lower() for b in re.findall(r"^\*\*([^*]+)\*\*", text, flags=re.MULTILINE)]
    return headings


def _section_problems(source: Path, lines: list[str]) -> list[str]:
    problems = []
    for line in lines:
        for doc, section in CITED_SECTION.findall(line):
            target = ROOT / (doc if doc.endswith(".md") else f"{doc}.md")
            if not target.exists():
                problems.append(f"{_rel(source)}: cites {doc}, which does not exist")
            elif not any(h.startswith(section.lower()) for h in _headings(target)):
                problems.append(f'{_rel(source)}: cites {doc} "{section}", a section it does not have')
    return problems


def test_generated_reference_is_current() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/docs/generate.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr + done.stdout


def test_every_relative_link_in_markdown_resolves() -> None:
    broken = []
    for md in markdown_files():
        for target in LINK.findall(md.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            path = target.split("#", 1)[0]
            if path and not (md.parent / path).exists():
                broken.append(f"{_rel(md)}: {target}")
    assert not broken, "links to nothing:\n" + "\n".join(broken)


def test_every_path_a_doc_names_exists() -> None:
    missing = []
    for md in markdown_files():
        for word in _markdown_words(md.read_text(encoding="utf-8")):
            if _is_repo_path(word) and not _exists(word, md):
                missing.append(f"{_rel(md)}: {word}")
    assert not missing, "docs name paths that do not exist:\n" + "\n".join(sorted(set(missing)))


def test_every_path_a_code_comment_names_exists() -> None:
    missing = []
    for path in code_files():
        for line in _comments(path):
            for word in PATH_WORD.findall(line):
                if _is_repo_path(word) and not _exists(word, path):
                    missing.append(f"{_rel(path)}: {word}")
    assert not missing, "comments name paths that do not exist:\n" + "\n".join(sorted(set(missing)))


def test_no_comment_or_doc_cites_a_missing_document_or_section() -> None:
    problems = []
    for path in code_files():
        lines = _comments(path)
        for line in lines:
            for name in CITED_DOC.findall(line):
                if not any((base / name).exists() for base in [path.parent, *path.parent.parents]):
                    problems.append(f"{_rel(path)}: cites {name}, which the repository does not have")
        problems += _section_problems(path, lines)
    for md in markdown_files():
        problems += _section_problems(md, md.read_text(encoding="utf-8").splitlines())
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.parametrize("page", ["README.md"])
def test_the_readme_stays_short(page: str) -> None:
    # The README says what the project is and where to read on; reference material lives in docs/.
    lines = (ROOT / page).read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200, f"{page} has {len(lines)} lines; move reference material to docs/"
