"""Local-only runtime of the Northwind ingestion: local PostgreSQL, local Spark, the local Iceberg catalog.

Never shipped to Glue (the Glue zip holds northwind_ingest only), so it may use psycopg, pyiceberg and
SQLAlchemy, which Glue 5.0 does not have.
"""
