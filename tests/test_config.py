"""Settings discovery order, HIPAA defaults, and errors that name the file, key and expected type."""

from __future__ import annotations

from pathlib import Path

import pytest

from hipaa_checks.config import ConfigError, Role, Settings, settings_for


@pytest.fixture(autouse=True)
def _no_inherited_config(monkeypatch):
    monkeypatch.delenv("HIPAA_CHECKS_CONFIG", raising=False)


def _repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir(parents=True)
    module = tmp_path / "infra" / "logging"
    module.mkdir(parents=True)
    return module


def test_defaults_are_the_hipaa_floor():
    settings = Settings()
    assert settings.min_retention_days == 2192
    assert settings.allowed_egress_ports == [443, 6514]
    assert settings.archive_kms == "customer"
    assert settings.unresolved == "fail"
    assert settings.deviations == () and settings.banner is None


def test_nearest_yaml_wins_over_pyproject_higher_up(tmp_path):
    module = _repo(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.hipaa-checks]\nmin_retention_days = 3000\n")
    audit = module.parent / "audit"
    audit.mkdir()
    (audit / ".hipaa-checks.yaml").write_text("min_retention_days: 3653\n")
    assert settings_for(module).min_retention_days == 3000
    assert settings_for(audit).min_retention_days == 3653


def test_search_stops_at_the_repository_root(tmp_path):
    (tmp_path / ".hipaa-checks.yaml").write_text("min_retention_days: 3653\n")
    module = _repo(tmp_path / "repo")
    assert settings_for(module) == Settings()


def test_environment_beats_discovery_and_flag_beats_environment(tmp_path, monkeypatch):
    module = _repo(tmp_path)
    (module / ".hipaa-checks.yaml").write_text("min_retention_days: 2500\n")
    from_env = tmp_path / "env.yaml"
    from_env.write_text("min_retention_days: 2600\n")
    from_flag = tmp_path / "flag.yaml"
    from_flag.write_text("min_retention_days: 2700\n")
    monkeypatch.setenv("HIPAA_CHECKS_CONFIG", str(from_env))
    assert settings_for(module).min_retention_days == 2600
    assert settings_for(module, str(from_flag)).min_retention_days == 2700


@pytest.mark.parametrize(("text", "message"), [
    ("min_retention_days: [1]\n", "key 'min_retention_days': Input should be a valid integer (got [1])"),
    ("retention: 10\n", "key 'retention': unknown setting"),
    ("archive_kms: aes\n", "key 'archive_kms': Input should be 'customer', 'any' or 'none' (got 'aes')"),
    ("internal_cidrs: [10.0.0.0/33]\n", "key 'internal_cidrs': Value error, '10.0.0.0/33' is not a CIDR range"),
    ("role_words: {janitor: [x]}\n", "key 'role_words.janitor.[key]': Input should be"),
    ("- a list\n", "expected a mapping of settings at the top level, got list"),
    ("min_retention_days: 365\n", "looser than HIPAA: min_retention_days is 365 (HIPAA: 2192)"),
    ("allowed_egress_ports: [443, 514]\n", "allowed_egress_ports adds [514] (HIPAA: 443, 6514)"),
    ("key: [unclosed\n", "not valid YAML"),
])
def test_invalid_settings_name_file_and_key(tmp_path, text, message):
    module = _repo(tmp_path)
    config = module / ".hipaa-checks.yaml"
    config.write_text(text)
    with pytest.raises(ConfigError) as error:
        settings_for(module)
    assert str(error.value).startswith(f"{config}: ")
    assert message in str(error.value)


def test_looser_values_are_accepted_with_allow_below_hipaa_and_announced(tmp_path):
    module = _repo(tmp_path)
    config = module / ".hipaa-checks.yaml"
    config.write_text("min_retention_days: 365\narchive_kms: any\nallow_below_hipaa: true\n")
    settings = settings_for(module)
    assert settings.banner == (
        f"WARNING: configuration {config} is below the HIPAA floor: min_retention_days is 365 (HIPAA: 2192); "
        "archive_kms is 'any' (HIPAA: 'customer')"
    )


def test_partial_role_maps_keep_the_other_roles_defaults(tmp_path):
    module = _repo(tmp_path)
    (module / ".hipaa-checks.yaml").write_text("role_words:\n  source: [billing]\n")
    settings = settings_for(module)
    assert settings.role_words[Role.SOURCE] == ["billing"]
    assert "cloudtrail" in settings.role_words[Role.ARCHIVE]


def test_missing_explicit_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        settings_for(tmp_path, str(tmp_path / "nope.yaml"))
