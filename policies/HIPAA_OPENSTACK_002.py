"""HIPAA_OPENSTACK_002: OpenStack security groups of log hosts and shippers do not open plaintext syslog (port 514)."""
from hipaa_checks_loader import register

register("HIPAA_OPENSTACK_002")
