#!/usr/bin/env bash
# iceberg-aws-bundle 1.7.1 for the deployed-Glue-job run in `make test-deploy` (tests/deploy_emulator): the AWS
# SDK classes behind Iceberg's GlueCatalog and S3FileIO, which Glue 5.0 adds with `--datalake-formats iceberg`.
# Test-only: the local demo's JdbcCatalog does not need it. Checked against its SHA-1 like the demo's jars.
set -euo pipefail
dir=.local/jars
mkdir -p "$dir"
path=org/apache/iceberg/iceberg-aws-bundle/1.7.1/iceberg-aws-bundle-1.7.1.jar
sha=b7c2c63a1046479da456478800b3fed18346dc4c
file="$dir/$(basename "$path")"
if [ -f "$file" ] && [ "$(sha1sum "$file" | cut -d' ' -f1)" = "$sha" ]; then exit 0; fi
echo "downloading $(basename "$path")"
curl -fsSL --retry 3 -o "$file.part" "https://repo1.maven.org/maven2/$path"
got=$(sha1sum "$file.part" | cut -d' ' -f1)
if [ "$got" != "$sha" ]; then
  rm -f "$file.part"
  echo "checksum mismatch for $(basename "$path"): expected $sha, got $got" >&2
  exit 1
fi
mv "$file.part" "$file"
