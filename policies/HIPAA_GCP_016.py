"""HIPAA_GCP_016: GCP log readers hold only object-read roles on Cloud Storage buckets."""
from hipaa_checks_loader import register

register("HIPAA_GCP_016")
