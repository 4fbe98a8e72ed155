"""The audit family: audit trails exist, cover everything and are tamper-evident (164.312(b), 164.312(c)(2))."""
