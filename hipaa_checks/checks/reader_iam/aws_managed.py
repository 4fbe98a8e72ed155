"""AWS managed policies: why each is too broad for a log reader, and which let a principal erase logs.

AWS managed policies cannot name your log groups or archive buckets, so every one of them applies to
Resource "*": none is scoped enough for a reader. The table gives the specific reason for the common ones,
and whether the policy grants log-destroying actions (logs:DeleteLogGroup, s3:DeleteObject...) for the
tamper-risk check. Contents as published by AWS (policy versions current in 2025).
"""

from __future__ import annotations

from typing import Dict, Optional, Tuple

ARN_PREFIX = "arn:aws:iam::aws:policy/"
UNSCOPED = "AWS managed policies apply to every resource; they cannot be limited to your log groups and archives"

# name -> (why it is too broad for a reader, whether it allows log-destroying actions)
MANAGED: Dict[str, Tuple[str, bool]] = {
    "AdministratorAccess": ("every action on every resource", True),
    "PowerUserAccess": ("every action except IAM and Organizations management", True),
    "IAMFullAccess": ("full IAM: can grant itself any permission", False),
    "CloudWatchLogsFullAccess": ("logs:* on every log group: deletes groups and changes retention", True),
    "CloudWatchFullAccess": ("logs:* and cloudwatch:* on every resource", True),
    "CloudWatchFullAccessV2": ("logs:* and cloudwatch:* on every resource", True),
    "AmazonS3FullAccess": ("s3:* on every bucket: deletes objects, bucket policies and object lock", True),
    "AWSCloudTrail_FullAccess": ("manages trails and their buckets and log groups", True),
    "ReadOnlyAccess": ("reads every service's data and configuration, not only logs", False),
    "ViewOnlyAccess": ("lists and describes every service, not only logs", False),
    "SecurityAudit": ("reads every service's security configuration, not only logs", False),
    "AmazonS3ReadOnlyAccess": ("reads every bucket, not only log archives", False),
    "CloudWatchLogsReadOnlyAccess": ("reads every log group (Resource \"*\"), not only the ones this reader needs", False),
    "CloudWatchReadOnlyAccess": ("reads every log group and metric (Resource \"*\")", False),
    "AWSCloudTrail_ReadOnlyAccess": ("reads every trail and every bucket's objects (Resource \"*\")", False),
}


def managed_name(arn: str) -> Optional[str]:
    """The name of an AWS managed policy ARN (any partition, any path), or None for other ARNs."""
    parts = arn.split(":", 5)
    if len(parts) == 6 and parts[0] == "arn" and parts[2] == "iam" and parts[4] == "aws" and parts[5].startswith("policy/"):
        return parts[5].rsplit("/", 1)[-1]
    return None


def too_broad(name: str) -> str:
    """Why an AWS managed policy is too broad for a log reader."""
    reason = MANAGED.get(name)
    return f"{name}: {reason[0]}" if reason else f"{name}: {UNSCOPED}"


def erases_logs(name: str) -> bool:
    return MANAGED.get(name, ("", False))[1]
