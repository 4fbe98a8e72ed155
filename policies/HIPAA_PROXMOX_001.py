"""HIPAA_PROXMOX_001: Proxmox VE firewalls of log hosts and shippers allow egress only to TCP 443 and 6514."""
from hipaa_checks_loader import register

register("HIPAA_PROXMOX_001")
