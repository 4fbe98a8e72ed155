"""The checks, one module per check, grouped by family."""
