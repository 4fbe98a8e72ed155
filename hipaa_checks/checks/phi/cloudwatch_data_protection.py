"""CloudWatch log groups that receive application logs mask the US health identifiers AWS can detect."""

from __future__ import annotations

from typing import List, Optional

from hipaa_checks.checks import stores
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.phi.data_protection import GROUP, POLICY, account_policies, group_of, statements, unlinked_policies
from hipaa_checks.config import Role
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import Unresolved, scalar
from hipaa_checks.verdict import Verdict, failed, from_findings, not_applicable

# AWS managed data identifiers for US PHI (CloudWatch Logs, "Protected health information"), plus SSNs.
PHI_IDENTIFIERS = (
    "DrugEnforcementAgencyNumber-US", "HealthcareProcedureCode-US", "HealthInsuranceClaimNumber-US",
    "MedicareBeneficiaryNumber-US", "NationalDrugCode-US", "NationalProviderId-US", "Ssn-US",
)
REQUIRED = "an Audit statement and a Deidentify (mask) statement covering " + ", ".join(PHI_IDENTIFIERS)


def _problems(ctx: Context, policy: Node) -> List[str]:
    found = statements(ctx.index, policy)
    masked = set().union(*(names for operations, names in found if "deidentify" in operations))
    problems = [f"{policy.address} has no {name} statement" for name, operation in
                (("Audit", "audit"), ("Deidentify (mask)", "deidentify")) if not any(operation in ops for ops, _ in found)]
    missing = [name for name in PHI_IDENTIFIERS if name not in masked]
    if missing and any("deidentify" in operations for operations, _ in found):
        problems.append(f"{policy.address} does not mask {', '.join(missing)}")
    return problems


class CloudWatchDataProtection(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_041",
        title="CloudWatch log groups that are log sources mask health identifiers with a data protection policy",
        family=Family.PHI,
        severity=Severity.HIGH,
        resources=(GROUP, POLICY),
        since="0.2.0",
        why="Application logs often carry identifiers that make a record PHI (SSNs, Medicare and insurance claim "
        "numbers, provider and drug codes). A data protection policy masks them for every reader without the "
        "logs:Unmask permission and audits where they appear, so log access does not become PHI disclosure.",
        fix="Add an aws_cloudwatch_log_data_protection_policy for the group (or an account policy of type "
        "DATA_PROTECTION_POLICY) with an Audit statement and a Deidentify statement { MaskConfig = {} } whose "
        "DataIdentifier lists arn:aws:dataprotection::aws:data-identifier/<name> for each of "
        + ", ".join(PHI_IDENTIFIERS) + ".",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        group = ctx.node if ctx.node.type == GROUP else group_of(ctx.index, ctx.node)
        match = ctx.role(Role.SOURCE, group) if group is not None else None
        if match is None:
            return not_applicable(f"{ctx.node.address} is not (the policy of) a log group tagged as a log source")
        because = f"{group.address} is a log source ({match.reason})"
        ctx.reasons.append(because)
        judged: Optional[List[Node]] = [ctx.node] if ctx.node.type == POLICY else (
            stores.sides(ctx.index, GROUP, group_of, POLICY).get(group.address) or account_policies(ctx.index))
        unlinked = [] if judged else unlinked_policies(ctx.index)
        if unlinked:  # a policy whose group is unknown may be this group's
            raise Unresolved(f"log_group_name of {', '.join(n.address for n in unlinked)}", scalar(unlinked[0].conf, "log_group_name"))
        if not judged:
            return failed(f"no {POLICY} (or account DATA_PROTECTION_POLICY) for {group.address}", REQUIRED, because)
        return from_findings([problem for policy in judged for problem in _problems(ctx, policy)], REQUIRED, because,
                             f"health identifiers are masked by {', '.join(policy.address for policy in judged)}")


check = CloudWatchDataProtection()
