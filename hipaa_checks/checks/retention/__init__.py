"""retention: every log store keeps logs at least six years, or never expires."""
