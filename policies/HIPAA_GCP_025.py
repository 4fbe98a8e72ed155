"""HIPAA_GCP_025: GCP log-based metrics and log buckets that are log sources have an alert policy that fires on silence."""
from hipaa_checks_loader import register

register("HIPAA_GCP_025")
