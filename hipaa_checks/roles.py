"""Which resources play a logging role: explicit tag, then the graph (who delivers logs where), then names."""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from collections import Counter
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import NAME_ATTRIBUTES, GraphIndex, Node
from hipaa_checks.values import blocks, scalar, tags, unwrap, values_at

TAG_ATTRIBUTES = ("tags", "labels")

# Log deliveries: resource type -> attributes (dotted paths through nested blocks) naming the store
# that receives its logs, by reference, name, ARN, URL or resource ID.
_FIREHOSE_BACKUPS = tuple(
    f"{destination}_configuration.s3_configuration.bucket_arn"
    for destination in ("redshift", "elasticsearch", "opensearch", "opensearchserverless", "splunk",
                        "http_endpoint", "snowflake", "iceberg")
)
DELIVERIES: Dict[str, Tuple[str, ...]] = {
    "aws_cloudtrail": ("s3_bucket_name",),
    "aws_flow_log": ("log_destination",),
    "aws_s3_bucket_logging": ("target_bucket",),
    "aws_s3_bucket": ("logging.target_bucket",),
    "aws_lb": ("access_logs.bucket", "connection_logs.bucket"),
    "aws_alb": ("access_logs.bucket",),
    "aws_elb": ("access_logs.bucket",),
    "aws_cloudfront_distribution": ("logging_config.bucket",),
    "aws_config_delivery_channel": ("s3_bucket_name",),
    "aws_redshift_cluster": ("logging.bucket_name",),
    "aws_redshift_logging": ("bucket_name",),
    "aws_kinesis_firehose_delivery_stream": (
        "extended_s3_configuration.bucket_arn",
        "extended_s3_configuration.s3_backup_configuration.bucket_arn",
        "s3_configuration.bucket_arn",
        *_FIREHOSE_BACKUPS,
    ),
    "google_logging_project_sink": ("destination",),
    "google_logging_folder_sink": ("destination",),
    "google_logging_organization_sink": ("destination",),
    "google_logging_billing_account_sink": ("destination",),
    "azurerm_monitor_diagnostic_setting": ("storage_account_id",),
    "azurerm_monitor_aad_diagnostic_setting": ("storage_account_id",),
    "azurerm_monitor_log_profile": ("storage_account_id",),
    "azurerm_network_watcher_flow_log": ("storage_account_id",),
    "azurerm_log_analytics_data_export_rule": ("destination_resource_id",),
    "aws_wafv2_web_acl_logging_configuration": ("log_destination_configs",),
    "aws_route53_resolver_query_log_config": ("destination_arn",),
    "aws_networkfirewall_logging_configuration": (
        "logging_configuration.log_destination_config.log_destination.bucketName",
    ),
    "aws_msk_cluster": ("logging_info.broker_logs.s3.bucket",),
    "google_storage_bucket": ("logging.log_bucket",),
    "azurerm_mssql_server_extended_auditing_policy": ("storage_endpoint",),
    "azurerm_mssql_database_extended_auditing_policy": ("storage_endpoint",),
    "logdna_archive": ("s3_config.bucket", "gcs_config.bucket", "azblob_config.accountname"),
    "mezmo_s3_destination": ("bucket",),
    "mezmo_gcp_cloud_storage_destination": ("bucket",),
}
# (address, role) -> how it was found; read by `hipaa-checks scan` for its role summary.
SEEN: Dict[Tuple[str, Role], str] = {}
STORE_TYPES = ("aws_s3_bucket", "google_storage_bucket", "azurerm_storage_account")

# Modules whose ``graph_roles(index, settings, role) -> {address: reason}`` give roles through the graph
# (a security group attached to a log host, an instance behind a log host's security group...). They
# seed from ``direct`` (tag and name) roles only, so no finder depends on another. Append only.
GRAPH_FINDERS: Tuple[str, ...] = (
    # egress and host isolation / AWS security groups and their attachments
    "hipaa_checks.checks.network.aws_security_groups",
    # host isolation / AWS instances, launch templates, auto-scaling groups, network interfaces
    "hipaa_checks.checks.network.aws_hosts",
    # egress and host isolation / GCP
    "hipaa_checks.checks.network.gcp_roles",
    # egress and host isolation / Azure
    "hipaa_checks.checks.network.azure_network",
    # egress and host isolation / on-prem and private clouds
    "hipaa_checks.checks.network.openstack",
    "hipaa_checks.checks.network.vsphere",
    "hipaa_checks.checks.network.nutanix",
    # reader IAM / AWS
    "hipaa_checks.checks.reader_iam.aws_principals",
    # reader IAM / GCP, Azure, Mezmo
)


MODULE_CALL = re.compile(r"module\.([^.\[]+)")  # module.s3_log_storage.aws_s3_bucket.default -> s3_log_storage


@dataclass(frozen=True)
class RoleMatch:
    role: Role
    source: str  # "tag", "graph" or "name"
    reason: str


@lru_cache(maxsize=8192)
def words(text: str) -> Tuple[str, ...]:
    """Lower-case words of a name: split on non-alphanumerics and camelCase humps (cached: names repeat)."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return tuple(word for word in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if word)


def _same_word(found: str, wanted: str) -> bool:
    return found in (wanted, wanted + "s", wanted + "es")


def has_phrase(name_words: Sequence[str], phrase: str) -> bool:
    """Whole-word match of ``phrase`` (one or more words; each may appear in plural form)."""
    wanted = words(phrase)
    span = len(wanted)
    return span > 0 and any(
        all(_same_word(found, want) for found, want in zip(name_words[start : start + span], wanted))
        for start in range(len(name_words) - span + 1)
    )


def _tag_value(conf: dict, key: str) -> Optional[str]:
    for attribute in TAG_ATTRIBUTES:
        value = tags(conf, attribute).get(key)
        if value is None:
            value = _string_tags(conf, attribute).get(key)
        if value is not None:
            return str(value)
    for tag in blocks(conf, "tag"):  # aws_autoscaling_group: tag { key = ..., value = ... } blocks
        if scalar(tag, "key") == key and scalar(tag, "value") is not None:
            return str(scalar(tag, "value"))
    return None


def _string_tags(conf: dict, attribute: str) -> Dict[str, str]:
    """``key=value`` / ``key:value`` entries of tags that are plain strings (OpenStack's list, Proxmox's
    ";"-separated string): platforms without key/value tags carry the role that way."""
    entries = unwrap(conf.get(attribute)) if isinstance(conf, dict) else None
    if isinstance(entries, str):
        entries = re.split(r"[;,]", entries)
    found: Dict[str, str] = {}
    for entry in entries if isinstance(entries, list) else ():
        parts = re.split(r"\s*[=:]\s*", entry.strip(), maxsplit=1) if isinstance(entry, str) else []
        if len(parts) == 2:
            found.setdefault(parts[0], parts[1])
    return found


def _names_at(conf: dict, path: str) -> Iterable[str]:
    """The strings at a dotted path (a list attribute such as log_destination_configs gives each item)."""
    for value in values_at(conf, path):
        yield from (item for item in (value if isinstance(value, list) else [value]) if isinstance(item, str))


def deliveries(index: GraphIndex) -> Dict[str, List[Tuple[Node, str]]]:
    """Store address -> every (delivery, attribute path) that writes logs into it, matched by reference or by
    name/ARN/ID; a ``log-delivery-write`` ACL counts as S3 server access logs (path "acl"). Built once per graph."""
    return index.memo("archive-deliveries", _deliveries)


def _deliveries(index: GraphIndex) -> Dict[str, List[Tuple[Node, str]]]:
    found: Dict[str, List[Tuple[Node, str]]] = {}
    seen: Set[Tuple[str, str, str]] = set()

    def add(store: Node, delivery: Node, path: str) -> None:
        if store.address != delivery.address and (store.address, delivery.address, path) not in seen:
            seen.add((store.address, delivery.address, path))
            found.setdefault(store.address, []).append((delivery, path))

    for delivery_type, attributes in DELIVERIES.items():
        for delivery in index.of_type(delivery_type):
            for path in attributes:
                stores = [node for node in index.references(delivery.address, path) if node.type in STORE_TYPES]
                stores += filter(None, (index.named(name, *STORE_TYPES) for name in _names_at(delivery.conf, path)))
                for store in stores:
                    add(store, delivery, path)
    for acl in index.of_type("aws_s3_bucket", "aws_s3_bucket_acl"):  # S3 server access logs land here
        if scalar(acl.conf, "acl") == "log-delivery-write":
            store = acl if acl.type == "aws_s3_bucket" else index.linked(acl, "bucket", "aws_s3_bucket")
            if store is not None:
                found.setdefault(store.address, []).append((acl, "acl"))
    return found


def delivery_reason(delivery: Node, path: str) -> str:
    """How a delivery makes its store an archive, as role reasons say it."""
    if path == "acl":
        return f'{delivery.address} grants acl = "log-delivery-write"'
    return f"target of {delivery.address} ({path})"


def _delivery_targets(index: GraphIndex) -> Dict[str, str]:
    """Store address -> the first delivery that writes logs into it."""
    return {address: delivery_reason(*found[0]) for address, found in deliveries(index).items()}


def found() -> Dict[str, Counter]:
    """Role -> how many resources got it from each source (tag, graph, name), in this process's last scan."""
    by_role: Dict[str, Counter] = {}
    for (_, role), source in SEEN.items():
        by_role.setdefault(role.value, Counter())[source] += 1
    return dict(sorted(by_role.items()))


def classify(node: Node, role: Role, settings: Settings, index: GraphIndex) -> Optional[RoleMatch]:
    """Whether ``node`` plays ``role``, and why; an explicit tag overrides the graph and names.

    Several checks ask about the same resource (a security group's five checks, its rules'), so the
    answer is kept once per graph and settings."""
    known = index.memo(f"roles:{id(settings)}", lambda _: {})
    if (node.address, role) not in known:
        known[(node.address, role)] = _classify(node, role, settings, index)
    match = known[(node.address, role)]
    if match is not None:
        note(node.address, match)
    return match


def note(address: str, match: RoleMatch) -> None:
    """Count a role found outside ``classify`` (e.g. a principal recognised in an IAM grant) in the summary."""
    SEEN[(address, match.role)] = match.source


def _classify(node: Node, role: Role, settings: Settings, index: GraphIndex) -> Optional[RoleMatch]:
    tag = _tag_value(node.conf, settings.role_tag_key)
    if tag is not None:
        return _by_tag(tag, role, settings)
    if index.blind:  # no graph: roles come from tags and names only
        pass
    elif role is Role.ARCHIVE:
        delivery = index.memo("archive-targets", _delivery_targets).get(node.address)
        if delivery:
            return RoleMatch(role, "graph", delivery)
    elif GRAPH_FINDERS:
        found_by = index.memo(f"graph-roles:{role.value}:{id(settings)}", lambda idx: _graph_roles(idx, settings, role))
        if node.address in found_by:
            return RoleMatch(role, "graph", found_by[node.address])
    if settings.name_heuristics:
        return _by_name(node, role, settings)
    return None


def direct(node: Node, role: Role, settings: Settings) -> Optional[RoleMatch]:
    """Whether ``node`` plays ``role`` by its own tag or name alone: the seeds graph finders start from."""
    tag = _tag_value(node.conf, settings.role_tag_key)
    if tag is not None:
        return _by_tag(tag, role, settings)
    return _by_name(node, role, settings) if settings.name_heuristics else None


def _by_tag(tag: str, role: Role, settings: Settings) -> Optional[RoleMatch]:
    accepted = {value.lower() for value in settings.role_values.get(role, [])}
    declared = {part for part in re.split(r"[\s,+/]+", tag.lower()) if part}
    return RoleMatch(role, "tag", f"tagged {settings.role_tag_key} = {tag}") if declared & accepted else None


def _graph_roles(index: GraphIndex, settings: Settings, role: Role) -> Dict[str, str]:
    found_by: Dict[str, str] = {}
    for module in GRAPH_FINDERS:
        for address, reason in importlib.import_module(module).graph_roles(index, settings, role).items():
            found_by.setdefault(address, reason)
    return found_by


def _by_name(node: Node, role: Role, settings: Settings) -> Optional[RoleMatch]:
    names = [node.name] + MODULE_CALL.findall(node.address) + [
        value for attribute in NAME_ATTRIBUTES if isinstance(value := scalar(node.conf, attribute), str)
    ]
    return by_words(names, role, settings)


def by_words(texts: Iterable[str], role: Role, settings: Settings, what: str = "name") -> Optional[RoleMatch]:
    """The first of ``texts`` (names, member strings, descriptions) holding one of the role's words."""
    for text in texts:
        text_words = words(text)
        for phrase in settings.role_words.get(role, []):
            if has_phrase(text_words, phrase):
                return RoleMatch(role, "name", f"{what} {text!r} contains the word {phrase!r}")
    return None
