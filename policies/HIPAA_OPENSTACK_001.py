"""HIPAA_OPENSTACK_001: OpenStack security groups of log hosts and shippers allow egress only to TCP 443 and 6514."""
from hipaa_checks_loader import register

register("HIPAA_OPENSTACK_001")
