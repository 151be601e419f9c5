"""Engine commands (terraform or tofu) on one synthesized stack folder, with their output kept for the failure message."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path


class EngineError(AssertionError):
    """An engine command failed; the message holds the end of its output."""


@dataclass(frozen=True)
class Engine:
    # "terraform" or "tofu": both take the same commands and flags here.
    name: str
    binary: str
    version: str
    env: dict[str, str]
    log_dir: Path
    timeout_s: float = 600

    def run(
        self, stack_dir: Path, *args: str, ok_codes: tuple[int, ...] = (0,)
    ) -> subprocess.CompletedProcess:
        command = [self.binary, f"-chdir={stack_dir}", *args]
        try:
            # The provider retries emulator errors for a long time; a stuck command fails the test instead.
            result = subprocess.run(
                command, check=False, env=self.env, capture_output=True, text=True, timeout=self.timeout_s
            )
        except subprocess.TimeoutExpired as expired:
            out = (
                (expired.stdout or b"").decode(errors="replace") if isinstance(expired.stdout, bytes) else ""
            )
            raise EngineError(
                f"{self.name} {' '.join(args)} in {stack_dir.name} timed out:\n{out[-6000:]}"
            ) from None
        log = self.log_dir / f"{stack_dir.name}-{args[0]}.log"
        log.write_text(result.stdout + result.stderr, encoding="utf-8")
        if result.returncode not in ok_codes:
            tail = (result.stdout + result.stderr)[-6000:]
            raise EngineError(
                f"{self.name} {' '.join(args)} in {stack_dir.name} exited {result.returncode}:\n{tail}"
            )
        return result

    def state_resources(self, stack_dir: Path) -> list[str]:
        """Managed resources in the stack's state (data sources excluded)."""
        listed = self.run(stack_dir, "state", "list").stdout.split()
        return [address for address in listed if not address.startswith("data.")]

    def planned_changes(self, stack_dir: Path) -> list[str]:
        """Addresses a fresh plan would change; `-detailed-exitcode` says 2 when there are any."""
        result = self.run(
            stack_dir,
            "plan",
            "-input=false",
            "-no-color",
            "-detailed-exitcode",
            "-out=second.tfplan",
            ok_codes=(0, 2),
        )
        if result.returncode == 0:
            return []
        shown = json.loads(self.run(stack_dir, "show", "-json", "second.tfplan").stdout)
        return [
            f"{change['address']} ({'/'.join(change['change']['actions'])})"
            for change in shown.get("resource_changes", [])
            if change["change"]["actions"] != ["no-op"]
        ]
