"""Loads hipaa-checks into Checkov from this directory, and fails closed when it cannot.

Checkov imports every ``.py`` here by file name and only *logs* a module that fails to import, then
exits 0: a silent hole in a compliance scan. So each policy module calls ``register(ID)``; when the
check cannot be loaded, a stand-in with the same ID fails every resource the check would have judged,
saying why. This module defines no checks itself and is safe for Checkov to import on its own.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

HERE = Path(__file__).resolve().parent
LOGGER = logging.getLogger("hipaa_checks")


def _make_package_importable() -> None:
    """Prefer the hipaa_checks package that sits beside this directory (a checkout, or the wheel)."""
    for root in (HERE.parent, HERE.parent.parent):
        if (root / "hipaa_checks" / "__init__.py").is_file():
            if str(root) not in sys.path:
                sys.path.insert(0, str(root))
            return


class FailClosedCheck(BaseResourceCheck):
    """Stands in for a check that could not be loaded: every resource it covers fails, with the reason."""

    def __init__(self, check_id: str, resources: tuple, reason: str) -> None:
        self.reason = reason
        super().__init__(
            name=f"{check_id} could not be loaded, so hipaa-checks fails closed",
            id=check_id,
            categories=[CheckCategories.LOGGING],
            supported_resources=list(resources),
        )

    def scan_resource_conf(self, conf: dict) -> CheckResult:
        self.details = [f"hipaa-checks could not load {self.id}: {self.reason}",
                        "install hipaa-checks next to Checkov, or keep policies/ beside the hipaa_checks/ package"]
        return CheckResult.FAILED


def _resources_of(check_id: str) -> tuple:
    try:
        from hipaa_checks_manifest import RESOURCES
    except Exception:  # the manifest itself is broken: cover everything rather than nothing
        return ("*",)
    return RESOURCES.get(check_id, ("*",))


def register(check_id: str) -> None:
    """Register the real check, or a FailClosedCheck with the import error as its reason."""
    try:
        _make_package_importable()
        from hipaa_checks.registry import load_check

        load_check(check_id)
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        LOGGER.error("hipaa-checks: %s failed to load: %s\n%s", check_id, reason, traceback.format_exc())
        FailClosedCheck(check_id, _resources_of(check_id), reason)
