"""Northwind PostgreSQL -> Iceberg ingestion (runs on AWS Glue 5.0 and on local Spark)."""
