"""reader-iam: principals that read logs get read-only, scoped permissions."""
