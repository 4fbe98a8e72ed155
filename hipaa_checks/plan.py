"""Values a Terraform plan knows only after apply, made visible to the checks.

Terraform leaves such values out of ``planned_values`` and lists them in ``after_unknown``; Checkov
drops that list unless EVAL_TF_PLAN_AFTER_UNKNOWN is set. Read as absent, an unknown retention would
look like "never expires" and pass. So the list is read from the plan file (once per file), and the
unknown attributes get a marker that the value readers treat as unresolved.
"""

from __future__ import annotations

import json
from typing import Any, Dict

UNKNOWN = "${unknown after apply}"


def after_unknown_by_address(plan_file: str) -> Dict[str, dict]:
    """Resource address -> its ``after_unknown`` map, for every change in the plan that has unknowns."""
    try:
        with open(plan_file, encoding="utf-8") as handle:
            plan = json.load(handle)
        changes = plan.get("resource_changes") or []
    except (OSError, ValueError, AttributeError):
        return {}
    found = {}
    for change in changes:
        unknown = (change.get("change") or {}).get("after_unknown") if isinstance(change, dict) else None
        if isinstance(unknown, dict) and unknown:
            found[str(change.get("address"))] = unknown
    return found


def with_unknowns(conf: dict, unknown: Any) -> dict:
    """A copy of ``conf`` where attributes unknown until apply hold the UNKNOWN marker."""
    if not isinstance(unknown, dict) or not unknown:
        return conf
    merged = dict(conf)
    for key, flag in unknown.items():
        value = merged.get(key)
        if flag is True and value in (None, [], [None]):
            merged[key] = [UNKNOWN]
        elif isinstance(flag, list) and isinstance(value, list):
            merged[key] = [
                with_unknowns(item, inner) if isinstance(item, dict) else ([UNKNOWN] if inner is True else item)
                for item, inner in zip(value, flag)
            ] + value[len(flag):]
        elif isinstance(flag, dict) and isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
            merged[key] = [with_unknowns(value[0], flag)]  # an object attribute (libvirt devices), list-wrapped
    return merged
