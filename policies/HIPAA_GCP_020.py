"""HIPAA_GCP_020: GCP audit configs log admin reads, data reads and data writes for all services without unlisted exemptions."""
from hipaa_checks_loader import register

register("HIPAA_GCP_020")
