"""S3 log archives grant nothing to the public: no public canned ACL, no AllUsers grant, no open policy."""

from __future__ import annotations

from typing import Iterator, List, Union

from hipaa_checks.checks.archive.s3_policy import POLICY, everyone, legacy, statements
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.s3_side import BUCKET, archive_scope
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import BadValue, Unresolved, block, blocks, is_unresolved, scalar, str_attr
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

ACL = "aws_s3_bucket_acl"
PUBLIC_ACLS = ("public-read", "public-read-write", "authenticated-read")
PUBLIC_GROUPS = ("/allusers", "/authenticatedusers")
REQUIRED = (f"no public canned ACL ({', '.join(PUBLIC_ACLS)}), no grant to AllUsers/AuthenticatedUsers, "
            'no Allow statement for Principal "*" without a Condition')


def _acl(ctx: Context, node: Node) -> Iterator[str]:
    """A public canned acl; grants to the public groups (legacy flat ``grant``, or access_control_policy)."""
    acl = legacy(node, "acl") and str_attr(node.conf, "acl")
    if acl in PUBLIC_ACLS:
        yield f'{node.address} acl = "{acl}"'
    grants = [(grant, scalar(grant, "permissions")) for grant in blocks(node.conf, "grant")]
    grants += [(block(grant, "grantee") or {}, scalar(grant, "permission"))
               for grant in blocks(block(node.conf, "access_control_policy"), "grant")]
    for grantee, permission in grants:
        uri = str_attr(grantee, "uri") or ""
        if uri.lower().endswith(PUBLIC_GROUPS):
            yield f"{node.address} grants {permission} to {uri}"


def _policy(ctx: Context, node: Node) -> Iterator[Union[str, Unresolved]]:
    """Allow statements open to everyone ("*", or NotPrincipal) without a Condition; Unresolved where unknown."""
    for label, statement in statements(ctx, node) or ():
        effect = statement.get("Effect", "Allow")
        opens = True if "NotPrincipal" in statement else everyone(statement.get("Principal"))
        if statement.get("Condition") or opens is False or str(effect).lower() == "deny":
            continue
        if opens is None or is_unresolved(effect):
            yield Unresolved(f"{label} Effect/Principal", [effect, statement.get("Principal")])
        elif str(effect).lower() != "allow":
            raise BadValue(f"{label} Effect", effect, '"Allow" or "Deny"')
        else:
            who = "NotPrincipal (everyone else)" if "NotPrincipal" in statement else f"Principal {statement.get('Principal')!r}"
            yield f"{label} allows {statement.get('Action') or statement.get('NotAction')} to {who} with no Condition"


class S3ArchiveNotPublic(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_008",
        title="S3 log archive buckets grant no access to the public",
        family=Family.ARCHIVE,
        severity=Severity.HIGH,
        resources=(BUCKET, ACL, POLICY),
        since="0.1.0",
        why="Logs carry ePHI and the evidence of who touched it. A public canned ACL, a grant to the AllUsers "
        "or AuthenticatedUsers groups, or a bucket policy that allows Principal \"*\" without a condition "
        "lets anyone on the internet (or any AWS account) read or overwrite them.",
        fix="Use acl = \"private\" (or log-delivery-write), drop grants to the AllUsers/AuthenticatedUsers groups, "
        "and give every Allow statement of the bucket policy a named principal or a Condition such as "
        "aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = archive_scope(ctx, ACL, POLICY)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive bucket")
        results: List[Union[str, Unresolved]] = []
        for node, part in ((node, part) for node in judged for part in (_acl, _policy)):
            try:  # an unknown value only matters when nothing else is public
                results += list(part(ctx, node))
            except Unresolved as unknown:
                results.append(unknown)
        findings = [result for result in results if isinstance(result, str)]
        if results and not findings:
            raise results[0]
        return from_findings(findings, REQUIRED, reason, f"no ACL, grant or policy statement opens the bucket to the public; {reason}")


check = S3ArchiveNotPublic()
