# The few entry points a person types. Each target documents itself here (`## ` comment), listed by `make help`
# and in docs/make-targets.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PY := .venv/bin/python
# The ingestion package, the data generator and the demo are imported from their source folders.
export PYTHONPATH := $(CURDIR)/glue_job:$(CURDIR)/datagen:$(CURDIR)/demo
# The cdktf CLI otherwise asks HashiCorp's version-check service, unreachable offline, and prints the error.
export CHECKPOINT_DISABLE := 1

# The tests' Spark runs (pytest's session, the CLI they start, the emulated Glue job) are short and on small
# data: the C1-only JIT and the serial collector halve their CPU (glue_job/northwind_local/spark.py says more).
TEST_SPARK_JVM := NORTHWIND_SPARK_JAVA_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

.PHONY: help setup setup-test test test-ts test-checkov test-python test-workflows test-deploy demo dbt-build demo-change vault-rebuild synth bench docs lint stop clean ingest

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

setup: ## install what the demo needs: npm and Python dependencies, PostgreSQL, Spark jars (idempotent)
	@scripts/setup.sh

setup-test: ## setup, plus what only the tests need: the whole Python lock, checkov, actionlint, Chromium, OpenTofu, Trino (idempotent)
	@scripts/setup.sh test

test: setup-test lint test-ts test-checkov test-workflows ## install what is needed, lint, and run every test (pytest, tests/trino and the emulator deployment side by side)
	@MAKE="$(MAKE)" $(TEST_SPARK_JVM) scripts/test_side_by_side.sh

test-ts: setup ## jest: synthesized stacks, settings validation, aspects
	npm test

test-checkov: setup-test ## checkov on the synthesized Terraform JSON
	scripts/checkov.sh

test-workflows: setup-test ## actionlint on the GitHub workflows
	.local/bin/actionlint -color=false

test-python: setup-test ## pytest: ingestion, generator, dbt vault, end to end (starts local PostgreSQL and Trino)
	scripts/local_postgres.sh start
	scripts/local_trino.sh start
	@# Trino is stopped whatever pytest returns: idle, it still takes a third of a core from what runs next.
	$(TEST_SPARK_JVM) $(PY) -m pytest; status=$$?; scripts/local_trino.sh stop; exit $$status

test-deploy: setup-test ## OpenTofu and Terraform + the real AWS provider on moto: apply, run the deployed Glue job, re-plan, destroy; state encryption; cdktf deploy (one line per engine)
	scripts/local_postgres.sh start
	@# pytest-xdist, a worker for each long test (conftest.py orders them first): both engines, cdktf and the migration
	@# run side by side, each with its own moto server. Work counts in a file of their own (pytest may run beside).
	$(TEST_SPARK_JVM) NORTHWIND_EMULATOR_DEPLOY=1 NORTHWIND_TEST_COUNTS=$(CURDIR)/.local/test-deploy-work-counts.json \
	  $(PY) -m pytest tests/deploy_emulator -q -rs -p no:cacheprovider -n 4 --dist load

demo: ## the main job: set up, then Northwind -> Iceberg -> Data Vault -> marts, locally, with a summary
	scripts/demo.sh

ingest: setup ## ingest the local PostgreSQL into local Iceberg tables (Glue job code on local Spark)
	scripts/local_postgres.sh start
	$(PY) -m northwind_local

dbt-build: setup ## dbt build of the Data Vault and marts on DuckDB from the local Iceberg raw layer (after make demo)
	scripts/local_postgres.sh start
	@[ -d .local/iceberg ] || { echo "no Iceberg raw layer under .local/iceberg: run make demo (or make ingest) first" >&2; exit 2; }
	NORTHWIND_STATE_DIR=$(CURDIR)/.local .venv/bin/dbt build --project-dir dbt/vault --profiles-dir dbt --target local

demo-change: ## change 1% of the source, ingest and build again, show what the vault recorded
	scripts/demo_change.sh

vault-rebuild: setup ## replay every committed batch of the raw log into a new, empty vault; it replaces the old one
	scripts/local_postgres.sh start
	NORTHWIND_STATE_DIR=$(CURDIR)/.local scripts/vault_rebuild.sh

synth: setup ## write cdktf.out/stacks/<stack>/cdk.tf.json for every stack
	npm run synth

bench: setup-test ## every benchmark, medians printed as one table and written to docs/benchmarks.md
	scripts/bench.sh

docs: setup ## regenerate docs/settings.md and docs/make-targets.md, and the figures from the last captured runs
	$(PY) scripts/docs/generate.py
	$(PY) scripts/docs/readme_samples.py
	$(PY) scripts/docs/benchmarks.py --if-results

lint: setup-test ## eslint and prettier (TypeScript), ruff check and ruff format (Python)
	npm run lint
	.venv/bin/ruff check glue_job datagen dbt tests demo scripts
	.venv/bin/ruff format --check glue_job datagen dbt tests demo scripts

stop: ## stop the local PostgreSQL and the local Trino
	scripts/local_trino.sh stop
	scripts/local_postgres.sh stop

clean: stop ## remove local state and build output (keeps installed dependencies)
	rm -rf .local cdktf.out dist dbt/*/target dbt/*/logs
