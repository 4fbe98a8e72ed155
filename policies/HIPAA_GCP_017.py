"""HIPAA_GCP_017: GCP log readers hold only roles/logging.viewAccessor on log views."""
from hipaa_checks_loader import register

register("HIPAA_GCP_017")
