"""Which S3 buckets a statement's Resource entry may reach, for HIPAA_AWS_033: references, module outputs,
literal names and wildcards, all judged by one rule (a bucket of the configuration by its role, any other
by the written words of its name); what cannot be told raises Unresolved."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from hipaa_checks.checks.base import Context
from hipaa_checks.checks.reader_iam.aws_policies import unscoped
from hipaa_checks.config import Role
from hipaa_checks.graph import NAME_ATTRIBUTES, GraphIndex, Node, module_prefix, without_indexes
from hipaa_checks.roles import by_words
from hipaa_checks.values import Unresolved, scalar

_BUCKET_REFERENCE = re.compile(r"^(?:\$\{)?(aws_s3_bucket\.[\w-]+)\.")
# module.x.bucket.arn, "${module.x[0].bucket.arn}/*", arn:aws:s3:::${module.x.bucket.id}/...: a module's output
_MODULE_OUTPUT = re.compile(r"^(?:arn:aws:s3:::)?(?:\$\{)?module\.([\w-]+)(?:\[[^\]]*\])?\.([\w-]+)")
# "${var.env}", or bare "var.env" as Checkov renders interpolations inside jsonencode
_INTERPOLATION = re.compile(r"\$\{[^}]*\}|\b(?:var|local|module|data|each|count)\.[\w.\[\]\"-]+")
_UNKNOWN_WORD = "\0"  # an interpolation in a bucket's name: one word, no separator (an environment, an account)
_NOT_A_NAME = re.compile(r"[^a-z0-9.\-\0]")  # what no bucket name holds
_NAME_INPUTS = (*NAME_ATTRIBUTES, "bucket_name")  # module inputs that name the bucket it creates


def reaches_archive(ctx: Context, label: str, entry: str) -> bool:
    """Whether a Resource entry of an S3 statement may name a log archive (by reference, name or wildcard)."""
    output = _MODULE_OUTPUT.match(entry)
    if output:
        return _module_reaches_archive(ctx, label, entry, *output.groups())
    if unscoped(label, entry):
        return True
    name = entry.split(":::", 1)[1].split("/", 1)[0] if entry.startswith("arn:") and ":s3:::" in entry else entry
    reference = _BUCKET_REFERENCE.match(name)  # aws_s3_bucket.x.arn, or arn:aws:s3:::${aws_s3_bucket.x.id}
    if reference:
        bucket = ctx.index.node(module_prefix(ctx.node.address) + reference.group(1))
        # a module output Checkov rendered to the module's own expression: the bucket the edges lead to
        buckets = [bucket] if bucket else [target for target in ctx.index.references(ctx.node.address)
                                           if without_indexes(target.address).endswith(f".{reference.group(1)}")]
        if not buckets:
            raise Unresolved(f"{label} Resource", entry)
        return any([ctx.archive_reason(target) is not None for target in buckets])
    if name == entry:
        return False  # not an S3 ARN: another resource's reference
    wildcard = "*" in name or "?" in name
    bucket = None if wildcard else ctx.index.named(name, "aws_s3_bucket")
    if bucket is not None:
        return ctx.archive_reason(bucket) is not None
    matched = _archive_matching(ctx, _INTERPOLATION.sub("*", name).lower()) if wildcard else None
    if matched is not None:
        ctx.reasons.append(f"{name} may name {matched.address}, a log archive ({ctx.role(Role.ARCHIVE, matched).reason})")
        return True
    literal = re.sub(r"[*?]", " ", _INTERPOLATION.sub(" ", name))  # "acme-${var.env}-logs": the written words tell
    if not literal.strip(" -_."):
        if wildcard:
            return True  # "*-*", "${var.env}-*": any bucket
        raise Unresolved(f"{label} Resource", entry)
    return _archive_by_words(ctx, name, [literal])


def _archive_by_words(ctx: Context, name: str, texts: List[str]) -> bool:
    """The literal-name rule: a bucket outside this configuration is a log archive by the words of its name."""
    by_name = by_words(texts, Role.ARCHIVE, ctx.settings) if ctx.settings.name_heuristics else None
    if by_name is not None:
        ctx.reasons.append(f"bucket {name} is a log archive ({by_name.reason})")
    return by_name is not None


def _module_reaches_archive(ctx: Context, label: str, entry: str, call: str, output: str) -> bool:
    """A module's output: the module's buckets when Checkov loaded it; else the call as a bucket named by its
    inputs (bucket, bucket_prefix...), judged like a literal name, the call and output names adding words."""
    key = without_indexes(module_prefix(ctx.node.address)) + f"module.{call}"
    buckets = ctx.index.memo("s3-buckets-by-module", _buckets_by_module).get(key)
    if buckets:
        return any([ctx.archive_reason(bucket) is not None for bucket in buckets])
    inputs = ctx.index.modules.get(key, {})
    names = [value for attribute in _NAME_INPUTS if isinstance(value := scalar(inputs, attribute), str)]
    written = [text for value in names if (text := _INTERPOLATION.sub(" ", value)).strip(" -_.")]
    if _archive_by_words(ctx, f"module.{call}.{output}", [call, output, *written]):
        return True
    if not written:  # the module names its bucket as it likes: its words are not known
        raise Unresolved(f"{label} Resource", entry)
    return False


def _buckets_by_module(index: GraphIndex) -> Dict[str, List[Node]]:
    """Module call ("module.a.module.b", no [index]) -> the S3 buckets inside it, at any depth."""
    found: Dict[str, List[Node]] = {}
    for bucket in index.of_type("aws_s3_bucket"):
        calls = without_indexes(bucket.address).split(".")
        for depth in range(2, len(calls) - 1, 2):
            if calls[depth - 2] == "module":
                found.setdefault(".".join(calls[:depth]), []).append(bucket)
    return found


def _archive_matching(ctx: Context, pattern: str) -> Optional[Node]:
    """A log archive of this configuration whose name the wildcard ``pattern`` may match."""
    def build(index: GraphIndex) -> List[Tuple[str, Node]]:
        archives = []
        for bucket in index.of_type("aws_s3_bucket"):
            name, prefix = scalar(bucket.conf, "bucket"), scalar(bucket.conf, "bucket_prefix")
            written = name if isinstance(name, str) else f"{prefix}{_UNKNOWN_WORD}" if isinstance(prefix, str) \
                else None if name or prefix else f"terraform-{_UNKNOWN_WORD}"  # AWS names it terraform-<digits>
            if written and ctx.role(Role.ARCHIVE, bucket) is not None:
                name = _INTERPOLATION.sub(_UNKNOWN_WORD, written).lower()
                # a name Checkov left half-rendered ("fileexists(...) ? ... : None-audit-logging-...") may be any name
                archives.append((None if _NOT_A_NAME.search(name) else name, bucket))
        return archives
    archives = ctx.index.memo(f"s3-archive-names:{id(ctx.settings)}", build)
    return next((bucket for name, bucket in archives if name is None or _may_match(pattern, name)), None)


def _may_match(pattern: str, name: str) -> bool:
    """Whether the glob ``pattern`` may match ``name``, each unknown word of which stands for letters or digits."""
    @lru_cache(maxsize=None)
    def match(i: int, j: int) -> bool:
        if i == len(pattern):
            return all(char == _UNKNOWN_WORD for char in name[j:])
        if pattern[i] == "*":
            return match(i + 1, j) or (j < len(name) and match(i, j + 1))
        if j == len(name):
            return False
        if name[j] == _UNKNOWN_WORD:
            return match(i, j + 1) or (pattern[i] not in "-._/" and match(i + 1, j))
        return pattern[i] in ("?", name[j]) and match(i + 1, j + 1)
    return match(0, 0)
