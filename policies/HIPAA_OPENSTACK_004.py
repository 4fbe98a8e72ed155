"""HIPAA_OPENSTACK_004: OpenStack security groups of log hosts allow no ingress from public ranges."""
from hipaa_checks_loader import register

register("HIPAA_OPENSTACK_004")
