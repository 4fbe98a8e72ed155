"""HIPAA_AWS_030: AWS log readers' policies allow only Read and List actions."""
from hipaa_checks_loader import register

register("HIPAA_AWS_030")
