"""Job: on Glue it tracks bookmarks and the run's state; the deployed job has bookmarks off (the default)."""

from __future__ import annotations

from collections.abc import Mapping

from awsglue.context import GlueContext


class Job:
    def __init__(self, glue_context: GlueContext) -> None:
        self.glue_context = glue_context
        self.name: str | None = None
        self.committed = False

    def init(self, job_name: str, args: Mapping[str, object] | None = None) -> None:
        if not job_name:
            raise ValueError("Job.init needs the job name (--JOB_NAME)")
        self.name = job_name

    def commit(self) -> None:
        if self.name is None:
            raise RuntimeError("Job.commit before Job.init")
        self.committed = True
        # The runner looks for this line: the script reached the end of a successful run.
        print(f"awsglue shim: job {self.name} committed", flush=True)
