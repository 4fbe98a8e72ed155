"""HIPAA_NUTANIX_001: Nutanix log host VMs attach only to internal subnets (no external, DMZ or public subnets)."""
from hipaa_checks_loader import register

register("HIPAA_NUTANIX_001")
