"""The one list of checks: the CLI, the docs, the report and policies/ all read it."""

from __future__ import annotations

import importlib
from typing import Dict, FrozenSet, List

from hipaa_checks.meta import CheckMeta

# check ID -> module that defines it (ending in a module-level ``check`` instance). Append only.
CHECKS: Dict[str, str] = {
    # retention / AWS
    "HIPAA_AWS_001": "hipaa_checks.checks.retention.cloudwatch_log_group_retention",
    # retention / AWS S3
    "HIPAA_AWS_002": "hipaa_checks.checks.retention.s3_archive_lifecycle_expiration",
    "HIPAA_AWS_003": "hipaa_checks.checks.retention.s3_archive_object_lock_retention",
    # retention / GCP and Mezmo
    "HIPAA_GCP_001": "hipaa_checks.checks.retention.gcp_logging_bucket_retention",
    "HIPAA_GCP_002": "hipaa_checks.checks.retention.gcs_archive_retention",
    "HIPAA_MEZMO_001": "hipaa_checks.checks.retention.logdna_archive_expiry",
    # retention / Azure
    "HIPAA_AZURE_001": "hipaa_checks.checks.retention.log_analytics_workspace_long_term",
    "HIPAA_AZURE_002": "hipaa_checks.checks.retention.log_analytics_table_retention",
    "HIPAA_AZURE_003": "hipaa_checks.checks.retention.storage_management_policy_log_deletion",
    "HIPAA_AZURE_004": "hipaa_checks.checks.retention.storage_container_immutability_period",
    # archive / AWS encryption and tamper resistance
    "HIPAA_AWS_004": "hipaa_checks.checks.archive.s3_archive_kms_encryption",
    "HIPAA_AWS_005": "hipaa_checks.checks.archive.s3_archive_versioning",
    "HIPAA_AWS_006": "hipaa_checks.checks.archive.s3_archive_object_lock_mode",
    # archive / AWS public access and TLS
    "HIPAA_AWS_007": "hipaa_checks.checks.archive.s3_archive_public_access_block",
    "HIPAA_AWS_008": "hipaa_checks.checks.archive.s3_archive_not_public",
    "HIPAA_AWS_009": "hipaa_checks.checks.archive.s3_archive_tls_only",
    # archive / GCP and Mezmo
    "HIPAA_GCP_003": "hipaa_checks.checks.archive.gcs_archive_cmek",
    "HIPAA_GCP_004": "hipaa_checks.checks.archive.gcs_archive_not_public",
    "HIPAA_GCP_005": "hipaa_checks.checks.archive.gcs_archive_tamper_resistance",
    "HIPAA_MEZMO_002": "hipaa_checks.checks.archive.logdna_archive_credentials",
    # archive / Azure
    "HIPAA_AZURE_005": "hipaa_checks.checks.archive.storage_account_cmk",
    "HIPAA_AZURE_006": "hipaa_checks.checks.archive.storage_account_not_public",
    "HIPAA_AZURE_007": "hipaa_checks.checks.archive.storage_account_tls_only",
    "HIPAA_AZURE_008": "hipaa_checks.checks.archive.storage_account_tamper_resistance",
    # egress and host isolation / AWS security groups and network ACLs (HIPAA_AWS_010-019)
    "HIPAA_AWS_010": "hipaa_checks.checks.network.aws_sg_egress_ports",
    "HIPAA_AWS_011": "hipaa_checks.checks.network.aws_sg_plaintext_syslog",
    "HIPAA_AWS_012": "hipaa_checks.checks.network.aws_nacl_egress_ports",
    "HIPAA_AWS_013": "hipaa_checks.checks.network.aws_sg_public_ingress",
    "HIPAA_AWS_014": "hipaa_checks.checks.network.aws_sg_admin_ingress",

    # host isolation / AWS public addresses and load balancers (HIPAA_AWS_020-029)
    "HIPAA_AWS_020": "hipaa_checks.checks.network.aws_host_public_ip",
    "HIPAA_AWS_021": "hipaa_checks.checks.network.aws_host_elastic_ip",
    "HIPAA_AWS_022": "hipaa_checks.checks.network.aws_host_load_balancer",

    # egress and host isolation / GCP (HIPAA_GCP_006-014)
    "HIPAA_GCP_006": "hipaa_checks.checks.network.gcp_firewall_egress",
    "HIPAA_GCP_007": "hipaa_checks.checks.network.gcp_implied_egress",
    "HIPAA_GCP_008": "hipaa_checks.checks.network.gcp_firewall_syslog",
    "HIPAA_GCP_009": "hipaa_checks.checks.network.gcp_instance_public_address",
    "HIPAA_GCP_010": "hipaa_checks.checks.network.gcp_firewall_public_ingress",

    # egress and host isolation / Azure (HIPAA_AZURE_009-016)
    "HIPAA_AZURE_009": "hipaa_checks.checks.network.azure_nsg_egress_ports",
    "HIPAA_AZURE_010": "hipaa_checks.checks.network.azure_nsg_default_outbound",
    "HIPAA_AZURE_011": "hipaa_checks.checks.network.azure_nsg_plaintext_syslog",
    "HIPAA_AZURE_012": "hipaa_checks.checks.network.azure_log_host_public_ip",
    "HIPAA_AZURE_013": "hipaa_checks.checks.network.azure_log_host_internet_inbound",

    # egress and host isolation / on-prem and private clouds (HIPAA_OPENSTACK_*, _PROXMOX_*, _VSPHERE_*, ...)
    "HIPAA_OPENSTACK_001": "hipaa_checks.checks.network.openstack_egress",
    "HIPAA_OPENSTACK_002": "hipaa_checks.checks.network.openstack_plaintext_syslog",
    "HIPAA_OPENSTACK_003": "hipaa_checks.checks.network.openstack_public_address",
    "HIPAA_OPENSTACK_004": "hipaa_checks.checks.network.openstack_public_ingress",
    "HIPAA_VSPHERE_001": "hipaa_checks.checks.network.vsphere_port_group",
    "HIPAA_PROXMOX_001": "hipaa_checks.checks.network.proxmox_egress",
    "HIPAA_PROXMOX_002": "hipaa_checks.checks.network.proxmox_bridge",
    "HIPAA_LIBVIRT_001": "hipaa_checks.checks.network.libvirt_network",
    "HIPAA_NUTANIX_001": "hipaa_checks.checks.network.nutanix_subnet",

    # reader IAM / AWS (HIPAA_AWS_030-039)
    "HIPAA_AWS_030": "hipaa_checks.checks.reader_iam.aws_reader_read_only",
    "HIPAA_AWS_031": "hipaa_checks.checks.reader_iam.aws_reader_scoped",
    "HIPAA_AWS_032": "hipaa_checks.checks.reader_iam.aws_reader_managed",
    "HIPAA_AWS_033": "hipaa_checks.checks.reader_iam.aws_log_tampering",

    # reader IAM / GCP, Azure, Mezmo (HIPAA_GCP_015-019, HIPAA_AZURE_017-020, HIPAA_MEZMO_003-004)
    "HIPAA_GCP_015": "hipaa_checks.checks.reader_iam.gcp_project_reader_roles",
    "HIPAA_GCP_016": "hipaa_checks.checks.reader_iam.gcp_bucket_reader_roles",
    "HIPAA_GCP_017": "hipaa_checks.checks.reader_iam.gcp_log_view_reader_roles",
    "HIPAA_GCP_018": "hipaa_checks.checks.reader_iam.gcp_custom_role_read_only",
    "HIPAA_AZURE_017": "hipaa_checks.checks.reader_iam.azure_reader_roles",
    "HIPAA_AZURE_018": "hipaa_checks.checks.reader_iam.azure_reader_scope",
    "HIPAA_AZURE_019": "hipaa_checks.checks.reader_iam.azure_custom_role_read_only",
    "HIPAA_MEZMO_003": "hipaa_checks.checks.reader_iam.mezmo_member_readonly",
    "HIPAA_MEZMO_004": "hipaa_checks.checks.reader_iam.mezmo_reader_keys",

    # audit and phi (HIPAA_AWS_040-049, HIPAA_GCP_020-024, HIPAA_AZURE_021-025, HIPAA_MEZMO_005-009)
    "HIPAA_AWS_040": "hipaa_checks.checks.audit.cloudtrail_trail",
    "HIPAA_GCP_020": "hipaa_checks.checks.audit.gcp_audit_config",
    "HIPAA_AZURE_021": "hipaa_checks.checks.audit.azure_diagnostic_setting",
    "HIPAA_AWS_041": "hipaa_checks.checks.phi.cloudwatch_data_protection",
    "HIPAA_MEZMO_005": "hipaa_checks.checks.audit.mezmo_destination_tls",

    # monitoring (HIPAA_AWS_050-059, HIPAA_GCP_025-029, HIPAA_AZURE_026-030, HIPAA_MEZMO_010-014)
    "HIPAA_AWS_050": "hipaa_checks.checks.monitoring.cloudwatch_absence_alarm",
    "HIPAA_AWS_051": "hipaa_checks.checks.monitoring.cloudtrail_failed_login_alarm",
    "HIPAA_GCP_025": "hipaa_checks.checks.monitoring.gcp_absence_alert",
    "HIPAA_AZURE_026": "hipaa_checks.checks.monitoring.azure_absence_alert",
    "HIPAA_MEZMO_010": "hipaa_checks.checks.monitoring.logdna_view_absence_alert",
    "HIPAA_MEZMO_011": "hipaa_checks.checks.monitoring.mezmo_absence_alert",

}

# IDs that were published once and must never be given to another check.
RETIRED: FrozenSet[str] = frozenset()


def load_check(check_id: str):
    """Import the check's module, which registers it with Checkov, and return the instance."""
    return importlib.import_module(CHECKS[check_id]).check


def all_checks() -> List:
    return [load_check(check_id) for check_id in CHECKS]


def all_meta() -> List[CheckMeta]:
    return [check.meta for check in all_checks()]
