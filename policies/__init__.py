"""hipaa-checks policies for ``checkov --external-checks-dir``. Checkov loads only directories with this file."""
