"""HIPAA_VSPHERE_001: vSphere log host VMs attach only to internal networks (no DMZ, public or WAN port groups)."""
from hipaa_checks_loader import register

register("HIPAA_VSPHERE_001")
