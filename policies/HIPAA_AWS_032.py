"""HIPAA_AWS_032: AWS log readers hold no AWS managed policies."""
from hipaa_checks_loader import register

register("HIPAA_AWS_032")
