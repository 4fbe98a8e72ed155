"""Settings: one pydantic model, found next to the scanned code, defaulting to HIPAA's floor."""

from __future__ import annotations

import ipaddress
import os
import re
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Literal, Optional, Tuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

ENV_VAR = "HIPAA_CHECKS_CONFIG"
CONFIG_FILE = ".hipaa-checks.yaml"
PYPROJECT_TABLE = "hipaa-checks"
HIPAA_RETENTION_DAYS = 2192
HIPAA_EGRESS_PORTS = (443, 6514)
PREFIX_LIST = re.compile(r"pl-[0-9a-f]+")


class Role(str, Enum):
    ARCHIVE = "archive"
    SHIPPER = "shipper"
    HOST = "host"
    READER = "reader"
    SOURCE = "source"


DEFAULT_ROLE_WORDS: Dict[Role, List[str]] = {
    Role.ARCHIVE: ["log", "logging", "audit", "cloudtrail", "flowlog", "accesslog", "syslog", "siem"],
    Role.SHIPPER: ["shipper", "fluentd", "fluentbit", "fluent bit", "filebeat", "promtail", "logagent", "log agent"],
    Role.HOST: ["syslog", "rsyslog", "collector", "logstash", "fluentd", "vector", "graylog", "loki", "mezmo"],
    Role.READER: ["log reader", "logs reader", "log viewer", "logs viewer", "log auditor", "logreader", "logviewer"],
    Role.SOURCE: [],
}
DEFAULT_INTERNAL_CIDRS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"]


class ConfigError(Exception):
    """An invalid or unreadable configuration; the message names the file and the key."""


class OnpremNetworks(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    deny: List[str] = ["dmz", "public", "internet", "external", "wan"]
    allow: List[str] = []


class Settings(BaseModel):
    """The whole configuration. Defaults are HIPAA's; looser values need allow_below_hipaa."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_retention_days: int = Field(HIPAA_RETENTION_DAYS, ge=1)
    allowed_egress_ports: List[int] = list(HIPAA_EGRESS_PORTS)
    allowed_egress_cidrs: List[str] = []
    role_tag_key: str = "hipaa-logging"
    role_values: Dict[Role, List[str]] = {role: [role.value] for role in Role}
    name_heuristics: bool = True
    role_words: Dict[Role, List[str]] = DEFAULT_ROLE_WORDS
    internal_cidrs: List[str] = DEFAULT_INTERNAL_CIDRS
    admin_cidrs: List[str] = []
    onprem_networks: OnpremNetworks = OnpremNetworks()
    archive_kms: Literal["customer", "any", "none"] = "customer"
    require_object_lock: bool = False
    unresolved: Literal["fail", "unknown"] = "fail"
    audit_exempt_members: List[str] = []
    disabled_checks: List[str] = []
    allow_below_hipaa: bool = False
    _source: str = PrivateAttr("defaults")

    @field_validator("allowed_egress_cidrs", "internal_cidrs", "admin_cidrs")
    @classmethod
    def _cidrs(cls, values: List[str], info) -> List[str]:
        for value in values:
            if info.field_name == "allowed_egress_cidrs" and PREFIX_LIST.fullmatch(value):
                continue
            try:
                ipaddress.ip_network(value, strict=False)
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a CIDR range" + (
                    " or an AWS prefix list ID (pl-...)" if info.field_name == "allowed_egress_cidrs" else "")) from exc
        return values

    @field_validator("allowed_egress_ports")
    @classmethod
    def _ports(cls, values: List[int]) -> List[int]:
        bad = [port for port in values if not 0 < port < 65536]
        if bad:
            raise ValueError(f"ports must be 1-65535, got {bad}")
        return values

    @field_validator("role_values", "role_words")
    @classmethod
    def _all_roles(cls, values: Dict[Role, List[str]], info) -> Dict[Role, List[str]]:
        defaults = cls.model_fields[info.field_name].default
        return {**defaults, **values}

    @model_validator(mode="after")
    def _hipaa_floor(self) -> "Settings":
        if self.deviations and not self.allow_below_hipaa:
            raise ValueError(
                "looser than HIPAA: " + "; ".join(self.deviations) + " (set allow_below_hipaa: true to accept)"
            )
        return self

    @property
    def deviations(self) -> Tuple[str, ...]:
        """Every way this configuration is looser than the HIPAA defaults."""
        found = []
        if self.min_retention_days < HIPAA_RETENTION_DAYS:
            found.append(f"min_retention_days is {self.min_retention_days} (HIPAA: {HIPAA_RETENTION_DAYS})")
        extra_ports = sorted(set(self.allowed_egress_ports) - set(HIPAA_EGRESS_PORTS))
        if extra_ports:
            found.append(f"allowed_egress_ports adds {extra_ports} (HIPAA: 443, 6514)")
        if self.archive_kms != "customer":
            found.append(f"archive_kms is {self.archive_kms!r} (HIPAA: 'customer')")
        return tuple(found)

    @property
    def banner(self) -> Optional[str]:
        """The first line of every output when the configuration is below HIPAA's floor."""
        if not self.deviations:
            return None
        return f"WARNING: configuration {self._source} is below the HIPAA floor: " + "; ".join(self.deviations)


def _read_file(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if path.name == "pyproject.toml":
        return _pyproject_table(path, text) or {}
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level, got {type(data).__name__}")
    return data


def _pyproject_table(path: Path, text: str) -> Optional[dict]:
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            if f"[tool.{PYPROJECT_TABLE}]" in text:
                raise ConfigError(f"{path}: reading [tool.{PYPROJECT_TABLE}] needs Python 3.11+ or tomli")
            return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    table = data.get("tool", {}).get(PYPROJECT_TABLE)
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{PYPROJECT_TABLE}] must be a table")
    return table


def _describe(error: dict) -> str:
    key = ".".join(str(part) for part in error["loc"])
    if not key:
        return error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return f"key {key!r}: unknown setting (known: {', '.join(Settings.model_fields)})"
    got = error.get("input")
    return f"key {key!r}: {error['msg']} (got {got!r})"


def parse_settings(data: dict, source: str) -> Settings:
    """Validate raw settings; every problem is reported with the file and the key."""
    try:
        settings = Settings(**data)
    except ValidationError as exc:
        problems = "; ".join(_describe(error) for error in exc.errors())
        raise ConfigError(f"{source}: {problems}") from None
    except TypeError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    settings._source = source
    return settings


def find_config_file(start: Path) -> Optional[Path]:
    """The nearest .hipaa-checks.yaml or pyproject.toml with our table, up to the repository root."""
    directory = start if start.is_dir() else start.parent
    for candidate_dir in (directory, *directory.parents):
        candidate = candidate_dir / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file() and f"tool.{PYPROJECT_TABLE}" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
        if (candidate_dir / ".git").exists():
            return None
    return None


@lru_cache(maxsize=64)
def load_file(path: Path) -> Settings:
    return parse_settings(_read_file(path), str(path))


def resolve_config_path(start: Path, explicit: Optional[str] = None) -> Optional[Path]:
    """--config, else $HIPAA_CHECKS_CONFIG, else the nearest config file."""
    chosen = explicit or os.environ.get(ENV_VAR)
    if chosen:
        path = Path(chosen).expanduser().resolve()
        if not path.is_file():
            raise ConfigError(f"{path}: config file (from --config or {ENV_VAR}) does not exist")
        return path
    return find_config_file(start.resolve())


def settings_for(start: Path, explicit: Optional[str] = None) -> Settings:
    """The settings that apply to files in ``start``; raises ConfigError when they are invalid."""
    return _settings_for(start, explicit or os.environ.get(ENV_VAR))


def settings_for_file(file_path: str) -> Settings:
    """The settings for a scanned file (the working directory's when unknown): asked once per check and
    resource, so cached by the directory's text rather than rebuilt as a Path each time."""
    return _settings_for_directory(os.path.dirname(file_path) if file_path else os.getcwd(), os.environ.get(ENV_VAR))


@lru_cache(maxsize=1024)
def _settings_for_directory(directory: str, chosen: Optional[str]) -> Settings:
    return _settings_for(Path(directory), chosen)


@lru_cache(maxsize=256)
def _settings_for(start: Path, chosen: Optional[str]) -> Settings:
    path = resolve_config_path(start, chosen)
    return load_file(path) if path else Settings()
