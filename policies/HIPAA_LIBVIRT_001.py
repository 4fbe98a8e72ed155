"""HIPAA_LIBVIRT_001: libvirt log host domains use only isolated or NAT networks and internal bridges."""
from hipaa_checks_loader import register

register("HIPAA_LIBVIRT_001")
