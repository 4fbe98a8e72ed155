"""HIPAA_PROXMOX_002: Proxmox VE log hosts attach only to internal bridges (no DMZ, public or WAN bridges)."""
from hipaa_checks_loader import register

register("HIPAA_PROXMOX_002")
