"""Cloud Storage buckets that hold logs enforce public access prevention, and nothing grants them to the public."""

from __future__ import annotations

from typing import Iterator

from hipaa_checks.checks.archive.gcs_side import BUCKET, SIDE_TYPES, archive_scope, public_grants
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import str_attr
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


def _findings(node: Node, index: GraphIndex) -> Iterator[str]:
    if node.type == BUCKET:
        prevention = str_attr(node.conf, "public_access_prevention")
        if (prevention or "").strip().lower() != "enforced":
            shown = f'"{prevention}"' if prevention else '"inherited" (the default: absent)'
            yield f"{node.address} public_access_prevention = {shown}"
    else:
        yield from public_grants(node, index)


class GcsArchiveNotPublic(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_004",
        title="Cloud Storage log archives are not public",
        family=Family.ARCHIVE,
        severity=Severity.HIGH,
        resources=(BUCKET, *SIDE_TYPES),
        since="0.1.0",
        why="Logs carry user names, addresses, record identifiers and sometimes PHI. A log archive that "
        "allUsers or allAuthenticatedUsers (anyone with a Google account) can read discloses all of it, and one "
        "they can write lets anyone alter the audit trail. Public access prevention blocks such grants for good.",
        fix='Set public_access_prevention = "enforced" on every bucket that holds logs, and remove allUsers and '
        "allAuthenticatedUsers from its google_storage_bucket_iam_member / _binding / _policy (including the "
        "data.google_iam_policy it uses), from role_entity of google_storage_bucket_acl and "
        "google_storage_default_object_acl, from the entity of *_access_control resources, and drop public "
        "predefined_acl values (publicRead, publicReadWrite, authenticatedRead).",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = archive_scope(ctx)
        if reason is None:
            return not_applicable(f"{ctx.node.address} does not grant access to a log archive")
        return from_findings(
            [line for node in judged for line in _findings(node, ctx.index)],
            'public_access_prevention = "enforced" and no IAM or ACL grant to allUsers or allAuthenticatedUsers',
            reason,
            "public access prevention is enforced and no grant to allUsers or allAuthenticatedUsers was found"
            if ctx.node.type == BUCKET else "grants nothing to allUsers or allAuthenticatedUsers",
        )


check = GcsArchiveNotPublic()
