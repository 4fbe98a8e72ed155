"""HIPAA_OPENSTACK_003: OpenStack log hosts have no floating IP and are not on an external network."""
from hipaa_checks_loader import register

register("HIPAA_OPENSTACK_003")
