#!/usr/bin/env bash
# Spark jars for the local ingestion runtime, from Maven Central, pinned to what AWS Glue 5.0 ships
# (Spark 3.5, Iceberg 1.7.1) plus the PostgreSQL JDBC driver (for the source and for the local Iceberg
# JdbcCatalog, which lives in the same local PostgreSQL).
# Each jar is checked against its SHA-1 below (scripts/lib/maven_jars.sh).
set -euo pipefail
# shellcheck source=scripts/lib/maven_jars.sh
source scripts/lib/maven_jars.sh
# path under Maven Central | sha1
jars=(
  "org/apache/iceberg/iceberg-spark-runtime-3.5_2.12/1.7.1/iceberg-spark-runtime-3.5_2.12-1.7.1.jar|03c97e0cf547c21ef1fe5c735a2bc306340ec785"
  "org/postgresql/postgresql/42.7.4/postgresql-42.7.4.jar|264310fd7b2cd76738787dc0b9f7ea2e3b11adc1"
)
fetch_maven_jars .local/jars "${jars[@]}"
# Spark needs a Java runtime; Glue 5.0 runs Java 17.
if ! command -v java >/dev/null 2>&1; then
  # shellcheck source=scripts/lib/apt.sh
  source scripts/lib/apt.sh
  apt_install openjdk-17-jre-headless
fi
