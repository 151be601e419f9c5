#!/usr/bin/env bash
# Jars for the deployed-Glue-job run in `make test-deploy` (tests/deploy_emulator/deployed_glue_job.py), test-only:
# - iceberg-aws-bundle 1.7.1: the AWS SDK classes behind Iceberg's GlueCatalog and S3FileIO, which Glue 5.0 adds
#   with `--datalake-formats iceberg`;
# - hadoop-aws 3.3.4 (pyspark's Hadoop) and the parts of AWS SDK v1 1.12.262 it uses: the s3:// Hadoop file
#   system that Glue's EMRFS provides, which Iceberg's remove_orphan_files lists the warehouse with. The SDK's
#   single 280 MB bundle is avoided: core, s3, kms, dynamodb (S3Guard classes S3A 3.3 still loads), jmespath and CBOR suffice.
# Each jar is checked against its SHA-1, like the demo's jars (scripts/setup.d/40-spark-jars.sh).
set -euo pipefail
# shellcheck source=scripts/lib/maven_jars.sh
source scripts/lib/maven_jars.sh
# path under Maven Central | sha1
jars=(
  "org/apache/iceberg/iceberg-aws-bundle/1.7.1/iceberg-aws-bundle-1.7.1.jar|b7c2c63a1046479da456478800b3fed18346dc4c"
  "org/apache/hadoop/hadoop-aws/3.3.4/hadoop-aws-3.3.4.jar|a65839fbf1869f81a1632e09f415e586922e4f80"
  "com/amazonaws/aws-java-sdk-core/1.12.262/aws-java-sdk-core-1.12.262.jar|2734ba5566476d9154e5460dedbc83de95a9016d"
  "com/amazonaws/aws-java-sdk-s3/1.12.262/aws-java-sdk-s3-1.12.262.jar|71be2e0d2fa870424649e140c689abeda20e55ea"
  "com/amazonaws/aws-java-sdk-kms/1.12.262/aws-java-sdk-kms-1.12.262.jar|01cf105b9ea7747356a483270ba7e110fcf3324d"
  "com/amazonaws/aws-java-sdk-dynamodb/1.12.262/aws-java-sdk-dynamodb-1.12.262.jar|215de3e7087ad7880eed1215c16734cca21662a7"
  "com/amazonaws/jmespath-java/1.12.262/jmespath-java-1.12.262.jar|866bcdec4e926fa17a231df6dd76eecdcfa26292"
  "com/fasterxml/jackson/dataformat/jackson-dataformat-cbor/2.15.2/jackson-dataformat-cbor-2.15.2.jar|baafc85c70765594add14bd93f3efd68e1945b76"
)
fetch_maven_jars .local/jars "${jars[@]}"
