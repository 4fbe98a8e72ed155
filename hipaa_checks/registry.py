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

    # host isolation / AWS public addresses and load balancers (HIPAA_AWS_020-029)
    "HIPAA_AWS_020": "hipaa_checks.checks.network.aws_host_public_ip",
    "HIPAA_AWS_021": "hipaa_checks.checks.network.aws_host_elastic_ip",
    "HIPAA_AWS_022": "hipaa_checks.checks.network.aws_host_load_balancer",

    # egress and host isolation / GCP (HIPAA_GCP_006-014)

    # egress and host isolation / Azure (HIPAA_AZURE_009-016)

    # egress and host isolation / on-prem and private clouds (HIPAA_OPENSTACK_*, _PROXMOX_*, _VSPHERE_*, ...)

    # reader IAM / AWS (HIPAA_AWS_030-039)

    # reader IAM / GCP, Azure, Mezmo (HIPAA_GCP_015-019, HIPAA_AZURE_017-020, HIPAA_MEZMO_003-004)

    # audit and phi (HIPAA_AWS_040-049, HIPAA_GCP_020-024, HIPAA_AZURE_021-025, HIPAA_MEZMO_005-009)

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
