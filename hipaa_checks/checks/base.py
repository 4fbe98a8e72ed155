"""The base every check subclasses: metadata in, a verdict out, and never an exception or a silent pass."""

from __future__ import annotations

import copy
import logging
import os
from abc import abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar, List, Optional

from checkov.common.bridgecrew.severities import Severities
from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck
from checkov.terraform.parser_functions import handle_dynamic_values

from hipaa_checks.config import ConfigError, Role, Settings, settings_for_file
from hipaa_checks.graph import GraphIndex, Node, index_for, never_created
from hipaa_checks.meta import CheckMeta
from hipaa_checks.roles import RoleMatch, classify
from hipaa_checks.values import BadValue, NoGraph, Unresolved
from hipaa_checks.verdict import Verdict


@dataclass(frozen=True)
class Context:
    """What a check may know besides the resource's own configuration."""

    node: Node
    settings: Settings
    index: GraphIndex
    reasons: List[str] = field(default_factory=list)  # why the resource is judged, as found so far

    def role(self, role: Role, node: Optional[Node] = None) -> Optional[RoleMatch]:
        return classify(node or self.node, role, self.settings, self.index)

    def referenced(self, attribute: str, *types: str) -> Optional[Node]:
        """The resource this one points at through ``attribute``: a reference, or a name, ARN or ID."""
        return self.index.linked(self.node, attribute, *types)

    def archive_reason(self, store: Optional[Node] = None) -> Optional[str]:
        """Why ``store`` (default: this resource) is a log archive, or None when it is not one."""
        match = self.role(Role.ARCHIVE, store)
        if match is None:
            return None
        reason = f"{(store or self.node).address} is a log archive ({match.reason})"
        self.reasons.append(reason)
        return reason

    def why_judged(self, check_id: str) -> str:
        """The reasons found so far, or the resource type the check covers."""
        return "; ".join(dict.fromkeys(self.reasons)) or f"{check_id} covers {self.node.type} resources"


class HipaaCheck(BaseResourceCheck):
    meta: ClassVar[CheckMeta]

    def __init__(self) -> None:
        super().__init__(
            name=self.meta.checkov_name,
            id=self.meta.id,
            categories=[CheckCategories.LOGGING],
            supported_resources=list(self.meta.resources),
            guideline=self.meta.guideline,
        )
        self.severity = Severities[self.meta.severity.value]
        if os.environ.get("LOG_LEVEL", "").upper() != "DEBUG":
            # Checkov formats and buffers a DEBUG line for every result, a large share of a check's cost
            # on big repositories; ours keep that only when the user asks for debug logs.
            self.logger.setLevel(logging.INFO)

    @abstractmethod
    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        """Judge one resource. May raise Unresolved/BadValue; anything else is reported as an internal error."""

    def scan_entity_conf(self, conf: dict, entity_type: str) -> CheckResult:
        try:  # Checkov expands dynamic blocks before any check and crashes on shapes HCL cannot produce
            if "dynamic" in conf:
                handle_dynamic_values(copy.deepcopy(conf))
        except Exception as exc:
            return self._conclude(Verdict(CheckResult.FAILED, (
                f"found: dynamic = {conf.get('dynamic')!r} is not a list of dynamic blocks ({type(exc).__name__})",
                "required: dynamic blocks as Terraform writes them",
                f"why judged: {self.id} covers {entity_type} resources",
            )))
        try:
            return super().scan_entity_conf(conf, entity_type)
        except Exception as exc:  # a check never raises: Checkov would drop the result and exit 0
            return self._conclude(Verdict(CheckResult.FAILED, (
                f"internal error in {self.id}: {type(exc).__name__}: {exc}",
                "the resource could not be judged, so it fails; please report this with the resource's Terraform",
            )))

    def scan_resource_conf(self, conf: dict) -> CheckResult:
        address = str(conf.get("__address__", self.entity_type))
        index = index_for(self.graph).locate(address, self.entity_path.split(":", 1)[0])
        node = index.node(address) or Node(address, self.entity_type, address.rsplit(".", 1)[-1], conf, "")
        try:
            settings = settings_for_file(node.file_path)
        except ConfigError as exc:
            return self._conclude(Verdict(CheckResult.FAILED, (
                f"configuration error: {exc}", "hipaa-checks fails closed until the configuration is fixed",
            )))
        if self.id in settings.disabled_checks:
            return self._conclude(Verdict(CheckResult.UNKNOWN, (f"{self.id} is in disabled_checks",)))
        conf = index.as_checked(conf, address)  # first: a `for_each` from a list variable without value is not []
        if never_created(conf):  # e.g. `local.create ? length([]) : 0`, left half-evaluated by Checkov
            return self._conclude(Verdict(CheckResult.UNKNOWN, (f"{address} is never created (count 0, for_each empty)",)))
        ctx = Context(Node(address, node.type, node.name, conf, node.file_path), settings, index)
        index.looked = False
        try:
            verdict = self.evaluate(conf, ctx)
            if verdict.result is CheckResult.PASSED and index.blind and index.looked:
                raise NoGraph()  # it passed on finding nothing where nothing could be found
        except (Unresolved, BadValue) as exc:
            # Checkov's expansion of dynamic blocks can garble the static blocks beside them (`status = [1]`):
            # a wrong type there is Checkov's rendering, not the author's, so it cannot be verified either
            garbled = isinstance(exc, BadValue) and index.near_dynamic_blocks(address)
            why = f"why judged: {ctx.why_judged(self.id)}"
            if isinstance(exc, BadValue) and not garbled:
                verdict = Verdict(CheckResult.FAILED, (
                    f"found: {exc}", f"required: a value the provider accepts ({self.meta.title})", why))
            else:
                verdict = Verdict(CheckResult.UNKNOWN if settings.unresolved == "unknown" else CheckResult.FAILED, (
                    f"found: {exc}" + (", where Checkov expanded dynamic blocks: cannot be verified statically"
                                       if garbled else ""),
                    "required: a value known at plan time (or set unresolved: unknown)", why))
        return self._conclude(verdict, settings.banner)

    def _conclude(self, verdict: Verdict, banner: Optional[str] = None) -> CheckResult:
        """Hand Checkov the result; a below-HIPAA configuration is named first, in every output format."""
        self.details = ([banner] if banner else []) + list(verdict.details)
        return verdict.result
