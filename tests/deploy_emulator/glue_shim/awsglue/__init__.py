"""Test-only stand-in for AWS Glue's `awsglue` (see ../README.md): just what glue_job/glue_entry.py imports."""
