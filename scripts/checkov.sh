#!/usr/bin/env bash
# Scans every synthesized stack (cdktf.out/stacks/*/cdk.tf.json) with checkov; fails on any failed check,
# on any parse error, and when a stack with AWS resources reports no passed check (a silent non-scan).
set -euo pipefail
cd "$(dirname "$0")/.."
checkov=.venv-checkov/bin/checkov
[ -x "$checkov" ] || { echo "checkov missing: run make setup" >&2; exit 1; }

# Synthesize when the output is missing or older than any source of the app.
if [ ! -f cdktf.out/manifest.json ] || [ -n "$(find main.ts config stacks constructs glue_job package-lock.json \
    -newer cdktf.out/manifest.json -type f -print -quit 2>/dev/null)" ]; then
  # The app command `cdktf synth` runs, from cdktf.json (one source of truth).
  eval "$(node -p 'require("./cdktf.json").app')" >/dev/null
fi

# checkov's Terraform-JSON parser crashes on the string `terraform.required_version` ("this method receives
# only dicts"), and then scans nothing. Scan copies without that one key; everything else is unchanged.
scan_dir=$(mktemp -d)
report=$(mktemp)
trap 'rm -rf "$scan_dir" "$report"' EXIT
.venv-checkov/bin/python - "$scan_dir" cdktf.out/stacks/*/cdk.tf.json <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for src in map(pathlib.Path, sys.argv[2:]):
    doc = json.loads(src.read_text())
    doc.get("terraform", {}).pop("required_version", None)
    (out / src.parent.name).mkdir()
    (out / src.parent.name / "cdk.tf.json").write_text(json.dumps(doc))
PY

set +e
"$checkov" --config-file .checkov.yaml -d "$scan_dir" -o json >"$report" 2>"$report.err"
rc=$?
set -e
.venv-checkov/bin/python - "$report" "$scan_dir" "$rc" <<'PY'
import collections, json, pathlib, sys
report, scan_dir, rc = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
data = json.loads(pathlib.Path(report).read_text() or "{}")
runs = data if isinstance(data, list) else [data]
results = [r for r in runs if r.get("check_type") == "terraform_json"]
if not results:
    print(f"checkov produced no terraform_json results (exit {rc}); stderr follows", file=sys.stderr)
    print(pathlib.Path(report + ".err").read_text()[-3000:], file=sys.stderr)
    sys.exit(1)
res = results[0]
summary = res["summary"]
per_stack = collections.defaultdict(lambda: {"passed": 0, "failed": 0})
for kind in ("passed", "failed"):
    for check in res["results"][f"{kind}_checks"]:
        per_stack[pathlib.Path(check["file_path"]).parent.name][kind] += 1
stacks = sorted(p.name for p in scan_dir.iterdir())
print(f"{'stack':<20} {'passed':>7} {'failed':>7}")
for stack in stacks:
    print(f"{stack:<20} {per_stack[stack]['passed']:>7} {per_stack[stack]['failed']:>7}")
# Checks listed under skip-check in .checkov.yaml are not run at all, so checkov does not count them as skipped.
configured_skips = sum(1 for line in pathlib.Path(".checkov.yaml").read_text().splitlines()
                       if line.strip().startswith("- CKV"))
print(f"checkov: {summary['passed']} passed, {summary['failed']} failed, {configured_skips} skipped by .checkov.yaml, "
      f"{summary['parsing_errors']} parsing errors")
for check in res["results"]["failed_checks"]:
    print(f"FAILED {check['check_id']} {check['check_name']}: {check['resource']} ({check['file_path']})")
problems = []
if summary["failed"]:
    problems.append(f"{summary['failed']} failed checks")
if summary["parsing_errors"]:
    problems.append(f"{summary['parsing_errors']} stack files could not be parsed")
if summary["passed"] == 0:
    problems.append("no check passed: nothing was scanned")
for stack in stacks:
    text = (scan_dir / stack / "cdk.tf.json").read_text()
    if '"aws_' in text and per_stack[stack]["passed"] == 0:
        problems.append(f"stack {stack} has AWS resources but no passed check: it was not scanned")
if problems:
    sys.exit("checkov: " + "; ".join(problems))
PY
