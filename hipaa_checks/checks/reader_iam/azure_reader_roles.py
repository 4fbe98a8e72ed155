"""Azure log readers are assigned only reader roles (or custom roles that only read)."""

from __future__ import annotations

import re
from typing import Optional

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.reader_iam.azure_grants import ASSIGNMENT_TYPES, AZURE, READ_ROLES, role_of, write_actions
from hipaa_checks.checks.reader_iam.principal_grants import Grant, judge
from hipaa_checks.graph import GraphIndex
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict

_ADMIN = re.compile(r"\b(owner|administrator|admin)\b", re.IGNORECASE)
_WRITER = re.compile(r"\b(contributor|writer|operator|user)\b", re.IGNORECASE)


def _problem(grant: Grant, index: GraphIndex) -> Optional[str]:
    name, custom = role_of(grant, index)
    where = f"{grant.node.address} assigns"
    if custom is not None:
        extra = write_actions(custom)
        return f"{where} custom role {custom.address} to {grant.principal}, with {', '.join(extra)}" if extra else None
    if name in READ_ROLES:
        return None
    if name is None:
        return f"{where} role definition {grant.role} to {grant.principal} (not a built-in reader role, and not defined here)"
    kind = "manages access or everything" if _ADMIN.search(name) else "can change or delete" if _WRITER.search(name) \
        else "not a read-only log role"
    return f'{where} "{name}" to {grant.principal} ({kind})'


class AzureReaderRoles(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_017",
        title="Azure log readers are assigned only reader roles",
        family=Family.READER_IAM,
        severity=Severity.HIGH,
        resources=ASSIGNMENT_TYPES,
        since="0.2.0",
        why="A principal that reads logs needs Log Analytics Reader, Monitoring Reader, Storage Blob Data Reader "
        "or Reader. Contributor, Owner, User Access Administrator and every other *Contributor, *Owner or "
        "*Administrator role let it delete workspaces and archives, change retention and diagnostic settings, "
        "or grant itself more: more than HIPAA's minimum necessary access.",
        fix="Assign log readers Log Analytics Reader (workspaces), Monitoring Reader, Storage Blob Data Reader "
        "(log archive accounts) or Reader, and remove every other assignment the same principal holds; a custom "
        "role definition may hold only */read actions and the Log Analytics query actions.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        return judge(ctx, AZURE, lambda grant: _problem(grant, ctx.index),
                     f"log readers are assigned only {', '.join(READ_ROLES)} (or a custom role whose actions only read)",
                     "every role assigned to a log reader here is a reader role")


check = AzureReaderRoles()
