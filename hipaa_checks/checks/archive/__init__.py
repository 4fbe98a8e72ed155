"""archive: stores that receive logs are encrypted with a managed key, private, TLS-only and tamper-resistant."""
