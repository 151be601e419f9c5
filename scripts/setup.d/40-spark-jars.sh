#!/usr/bin/env bash
# Spark jars for the local ingestion runtime, from Maven Central, pinned to what AWS Glue 5.0 ships
# (Spark 3.5, Iceberg 1.7.1) plus the PostgreSQL JDBC driver (for the source and for the local Iceberg
# JdbcCatalog, which lives in the same local PostgreSQL).
# Each jar is checked against its SHA-1 below, so a truncated or tampered download fails the setup.
set -euo pipefail
dir=.local/jars
mkdir -p "$dir"
maven=https://repo1.maven.org/maven2
# path under Maven Central | sha1
jars=(
  "org/apache/iceberg/iceberg-spark-runtime-3.5_2.12/1.7.1/iceberg-spark-runtime-3.5_2.12-1.7.1.jar|03c97e0cf547c21ef1fe5c735a2bc306340ec785"
  "org/postgresql/postgresql/42.7.4/postgresql-42.7.4.jar|264310fd7b2cd76738787dc0b9f7ea2e3b11adc1"
)
for entry in "${jars[@]}"; do
  path=${entry%%|*}
  sha=${entry##*|}
  file="$dir/$(basename "$path")"
  if [ -f "$file" ] && [ "$(sha1sum "$file" | cut -d' ' -f1)" = "$sha" ]; then
    continue
  fi
  echo "downloading $(basename "$path")"
  curl -fsSL --retry 3 -o "$file.part" "$maven/$path"
  got=$(sha1sum "$file.part" | cut -d' ' -f1)
  if [ "$got" != "$sha" ]; then
    rm -f "$file.part"
    echo "checksum mismatch for $(basename "$path"): expected $sha, got $got" >&2
    exit 1
  fi
  mv "$file.part" "$file"
done
# Spark needs a Java runtime; Glue 5.0 runs Java 17.
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
