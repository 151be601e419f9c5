"""Northwind-shaped data at any scale, with exactly the real dump's schema, deterministic for a seed."""
