"""S3 log archives refuse plaintext requests: the bucket policy denies every request made without TLS."""

from __future__ import annotations

import re
from typing import Any, List, Optional, Tuple

from checkov.common.util.type_forcers import force_list

from hipaa_checks.checks.archive.s3_policy import POLICY, any_action, bucket_identity, covers, everyone, statements
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.s3_side import BUCKET, archive_scope
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import Unresolved, is_unresolved
from hipaa_checks.verdict import Verdict, failed, not_applicable, passed

REQUIRED = ('a Deny statement for Principal "*", Action "s3:*", Resource the bucket and bucket/*, '
            'Condition {"Bool": {"aws:SecureTransport": "false"}} (or NumericLessThanIfExists s3:TlsVersion 1.2)')


def _plaintext(operator: Any, key: Any, values: Any) -> Optional[bool]:
    """Whether one condition test holds for every plaintext request (None: unresolved). Any other test
    narrows the Deny; NumericLessThan s3:TlsVersion never holds for plaintext, which has no TLS version."""
    if is_unresolved(values):
        return None
    values, test = [str(value).lower() for value in force_list(values)], (str(operator).lower(), str(key).lower())
    if test == ("numericlessthanifexists", "s3:tlsversion"):
        return any(re.fullmatch(r"\d+(\.\d+)?", value) and float(value) >= 1.2 for value in values)
    return test == ("bool", "aws:securetransport") and "false" in values


def _gap(statement: dict, bucket: Tuple[List[str], List[str]]) -> Optional[str]:
    """What keeps a Deny statement from refusing all plaintext requests; "" when nothing does, None when unknown."""
    principal, action, resource, condition = (statement.get(key) for key in ("Principal", "Action", "Resource", "Condition"))
    tests = [(op, key, values) for op, body in condition.items() if isinstance(body, dict) for key, values in body.items()] \
        if isinstance(condition, dict) else []
    results = [_plaintext(*test) for test in tests]
    hint = " (NumericLessThan never matches plaintext requests)" if any(str(t[0]).lower() == "numericlessthan" for t in tests) else ""
    criteria = (
        ("NotPrincipal" not in statement and everyone(principal), f"Principal = {principal!r}, not everyone"),
        (any_action(action, "s3:*"), f"Action = {action!r}, not s3:*"),
        (covers(force_list(resource), *bucket), f"Resource = {resource!r}, not the bucket and bucket/*"),
        (None if None in results else bool(results) and all(results), f"Condition = {condition!r}{hint}"),
    )
    if any(ok is False for ok, _ in criteria):
        return next(note for ok, note in criteria if ok is False)
    return None if any(ok is None for ok, _ in criteria) else ""


class S3ArchiveTlsOnly(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_009",
        title="S3 log archive bucket policies deny requests made without TLS",
        family=Family.ARCHIVE,
        severity=Severity.MEDIUM,
        resources=(BUCKET, POLICY),
        since="0.1.0",
        why="HIPAA asks for encryption of ePHI in transit (164.312(e)(2)(ii)). S3 still answers plain HTTP; "
        "only a bucket policy that denies aws:SecureTransport = false keeps logs from crossing a network in clear text.",
        fix='Attach a bucket policy with a statement {"Effect": "Deny", "Principal": "*", "Action": "s3:*", '
        '"Resource": [bucket ARN, "<bucket ARN>/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}. '
        "To enforce TLS 1.2 too, add a separate Deny with NumericLessThan s3:TlsVersion 1.2.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = archive_scope(ctx, POLICY)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive bucket")
        policies = [(node, found) for node in judged if (found := statements(ctx, node)) is not None]
        if not policies:
            return failed(f"no bucket policy: neither {ctx.node.address} nor any {POLICY} for it sets one", REQUIRED, reason)
        bucket = bucket_identity(ctx)
        denies = [(label, statement, _gap(statement, bucket)) for _, found in policies for label, statement in found
                  if str(statement.get("Effect")).lower() == "deny"]
        if any(gap == "" for _, _, gap in denies):
            return passed(f"{next(label for label, _, gap in denies if gap == '')} denies requests without TLS; {reason}")
        if any(gap is None for _, _, gap in denies):
            raise Unresolved(*next((label, statement) for label, statement, gap in denies if gap is None))
        found = "; ".join(f"{label} does not qualify: {gap}" for label, _, gap in denies)
        return failed(found or f"no Deny statement in the policy of {', '.join(node.address for node, _ in policies)}", REQUIRED, reason)


check = S3ArchiveTlsOnly()
