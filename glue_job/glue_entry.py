"""AWS Glue entry point (placeholder being replaced by the real job)."""
