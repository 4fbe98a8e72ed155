"""Check metadata: families, the HIPAA sections they cite, and the frozen per-check record."""

from __future__ import annotations

import re
from enum import Enum
from typing import Tuple

from pydantic import BaseModel, ConfigDict, field_validator

DOCS_BASE_URL = "https://github.com/hipaa-checks/hipaa-checks/blob/main/docs/checks"
ID_PATTERN = re.compile(r"^HIPAA_(AWS|GCP|AZURE|MEZMO|VSPHERE|OPENSTACK|PROXMOX|LIBVIRT|NUTANIX)_\d{3}$")


class Family(str, Enum):
    RETENTION = "retention"
    ARCHIVE = "archive"
    EGRESS = "egress"
    READER_IAM = "reader-iam"
    HOST_ISOLATION = "host-isolation"
    AUDIT = "audit"
    MONITORING = "monitoring"
    PHI = "phi"


FAMILY_SECTIONS: dict[Family, Tuple[str, ...]] = {
    Family.RETENTION: ("164.316(b)(1)(ii)", "164.316(b)(2)(i)"),
    Family.ARCHIVE: ("164.312(a)(2)(iv)", "164.312(c)(1)", "164.312(e)(2)(ii)"),
    Family.EGRESS: ("164.312(e)(1)", "164.312(e)(2)(ii)"),
    Family.READER_IAM: ("164.312(a)(1)", "164.308(a)(4)"),
    Family.HOST_ISOLATION: ("164.312(a)(1)", "164.312(e)(1)"),
    Family.AUDIT: ("164.312(b)", "164.312(c)(2)"),
    Family.MONITORING: ("164.308(a)(1)(ii)(D)", "164.308(a)(5)(ii)(C)", "164.308(a)(6)(ii)"),
    Family.PHI: ("164.514(b)",),
}

# What `scan` and the report say when a family that ran had nothing to judge.
NOTHING_JUDGED: dict[Family, str] = {
    Family.RETENTION: "no log stores found: retention was not evaluated",
    Family.ARCHIVE: "no log archives found: archive rules were not evaluated",
    Family.EGRESS: "no log shippers or log hosts found: egress rules were not evaluated",
    Family.READER_IAM: "no log readers found: reader permissions were not evaluated",
    Family.HOST_ISOLATION: "no log hosts found: host isolation was not evaluated",
    Family.AUDIT: "no audit trails found: audit rules were not evaluated",
    Family.MONITORING: "no log sources found: absence monitoring was not evaluated",
    Family.PHI: "no log sources found: PHI masking was not evaluated",
}

# What each cited section of 45 CFR part 164 is called (the heading of the standard or specification).
SECTION_TITLES: dict[str, str] = {
    "164.308(a)(1)(ii)(D)": "Information system activity review",
    "164.308(a)(4)": "Information access management",
    "164.308(a)(5)(ii)(C)": "Log-in monitoring",
    "164.308(a)(6)(ii)": "Security incidents: response and reporting",
    "164.312(a)(1)": "Access control",
    "164.312(a)(2)(iv)": "Encryption and decryption",
    "164.312(b)": "Audit controls",
    "164.312(c)(1)": "Integrity",
    "164.312(c)(2)": "Mechanism to authenticate ePHI",
    "164.312(e)(1)": "Transmission security",
    "164.312(e)(2)(ii)": "Transmission security: encryption",
    "164.316(b)(1)(ii)": "Documentation: written record of actions, activities, assessments",
    "164.316(b)(2)(i)": "Documentation: time limit (retain six years)",
    "164.514(b)": "De-identification of PHI",
}


class Severity(str, Enum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"


class CheckMeta(BaseModel):
    """Everything the CLI, the docs and Checkov's output know about one check."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    family: Family
    severity: Severity
    resources: Tuple[str, ...]
    since: str
    why: str
    fix: str
    sections: Tuple[str, ...] = ()
    source: str = "hipaa-checks"  # as opposed to a mapped Checkov built-in (builtins.BuiltinMeta)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(f"{value!r} does not match {ID_PATTERN.pattern}")
        return value

    def model_post_init(self, __context: object) -> None:
        if not self.sections:
            object.__setattr__(self, "sections", FAMILY_SECTIONS[self.family])

    @property
    def guideline(self) -> str:
        return f"{DOCS_BASE_URL}/{self.id}.md"

    @property
    def checkov_name(self) -> str:
        """The name Checkov prints and writes to JSON/SARIF: title plus the HIPAA sections."""
        return f"{self.title} [HIPAA {', '.join(self.sections)}]"
