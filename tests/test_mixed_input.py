"""One directory of valid, broken, empty, unicode, huge and plan input, through `hipaa-checks scan` and plain Checkov.

Every finding in the files that parse is reported, each file that does not is named (never dropped), and no
check of ours raises. docs/robustness.md tells users what happens to each kind of bad input.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from benchmarks.generate import RESOURCES_PER_STACK, stack
from hipaa_checks.cli import main
from tests.scanning import POLICIES
from tests.test_end_to_end import CHECKOV, checkov

# The frameworks that run our checks (all of them, without --framework, take twice as long over the huge file).
FRAMEWORKS = ("terraform", "terraform_plan", "terraform_json")
HUGE_STACKS = 100  # 1,800 resources (320 kB) in one file: large, yet this module needs about 30 s of CPU in all

VALID = {
    "logs.tf": """
resource "aws_cloudwatch_log_group" "short" {
  name              = "app/short"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "kept" {
  name              = "audit/kept"
  retention_in_days = 2192
}
""",
    "host.tf": """
resource "aws_instance" "collector" {
  ami                         = "ami-0abcdef1234567890"
  instance_type               = "t3.small"
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.collector.id]
  tags                        = { hipaa-logging = "host" }
}

resource "aws_security_group" "collector" {
  name = "syslog-collector"
  ingress {
    from_port   = 514
    to_port     = 514
    protocol    = "udp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
""",
    "reader.tf": """
resource "aws_iam_role" "log_reader" {
  name = "log-reader"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:root" } }]
  })
}

resource "aws_iam_role_policy" "log_reader" {
  name = "read-logs"
  role = aws_iam_role.log_reader.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "logs:*", Resource = "*" }]
  })
}
""",
    "empty.tf": "",
    "comments.tf": "# nothing here yet\n\n   \t\n/* a block\n   comment */\n// and another\n",
    # Terraform JSON: Checkov checks it with its Terraform JSON runner (and names resources resource.<name>);
    # a file that is neither a plan nor Terraform JSON is not Terraform and is ignored.
    # Checkov's Terraform JSON runner gives checks no graph: a host that would pass on what is absent
    # (no Elastic IP, no load balancer) fails closed instead; the EIP itself cannot be tied to the host.
    "extra.tf.json": json.dumps({"resource": {
        "aws_cloudwatch_log_group": {"from_json": {"name": "json/short", "retention_in_days": 14}},
        "aws_instance": {"json_host": {"ami": "ami-0123456789abcdef0", "instance_type": "t3.small",
                                       "associate_public_ip_address": False, "tags": {"hipaa-logging": "host"}}},
        "aws_eip": {"json_ip": {"instance": "${aws_instance.json_host.id}"}}}}, indent=2),
    "settings.json": '{"name": "not-a-plan", "resources": [1, 2]}\n',
}
# A byte-order mark, non-ASCII comments, identifiers and values, and Windows line endings.
UNICODE = ("\ufeff# Journaux d’audit — 監査ログ\r\n"
           'resource "aws_cloudwatch_log_group" "監査ログ" {\r\n'
           '  name              = "journaux/accès-監査"\r\n'
           "  retention_in_days = 90\r\n"
           '  tags              = { description = "Données de santé — 患者" }\r\n'
           "}\r\n"
           'resource "aws_cloudwatch_log_group" "journal_données" {\r\n'
           '  name              = "journaux/conservés"\r\n'
           "  retention_in_days = 0 # n’expire jamais\r\n"
           "}\r\n")
BROKEN = {
    "broken.tf": b'resource "aws_cloudwatch_log_group" "x" {\n  name = \n',
    "latin1.tf": 'resource "aws_cloudwatch_log_group" "latin" {\n  name = "accès"\n}\n'.encode("latin-1"),
    "half.tf.json": b'{"resource": {"aws_cloudwatch_log_group": {"half": {"name": ',
}
PLAN = {
    "format_version": "1.2",
    "terraform_version": "1.9.0",
    "planned_values": {"root_module": {"resources": [
        {"address": "aws_cloudwatch_log_group.planned", "type": "aws_cloudwatch_log_group", "name": "planned",
         "mode": "managed", "values": {"name": "app/planned", "retention_in_days": 365, "tags": None}},
        # retention comes from a module output: unknown until apply, so absent here
        {"address": "aws_cloudwatch_log_group.pending", "type": "aws_cloudwatch_log_group", "name": "pending",
         "mode": "managed", "values": {"name": "app/pending", "tags": None}},
        {"address": "aws_instance.relay", "type": "aws_instance", "name": "relay", "mode": "managed",
         "values": {"ami": "ami-0123456789abcdef0", "instance_type": "t3.small", "tags": {"hipaa-logging": "host"}}},
        {"address": "aws_security_group.relay", "type": "aws_security_group", "name": "relay", "mode": "managed",
         "values": {"name": "relay", "tags": None, "ingress": [
             {"from_port": 6514, "to_port": 6514, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"],
              "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [], "self": False,
              "description": ""}]}},
    ]}},
    "resource_changes": [
        {"address": "aws_cloudwatch_log_group.planned", "type": "aws_cloudwatch_log_group", "name": "planned",
         "mode": "managed", "change": {"actions": ["create"], "before": None,
                                       "after": {"name": "app/planned", "retention_in_days": 365, "tags": None},
                                       "after_unknown": {"arn": True, "id": True}}},
        {"address": "aws_cloudwatch_log_group.pending", "type": "aws_cloudwatch_log_group", "name": "pending",
         "mode": "managed", "change": {"actions": ["create"], "before": None,
                                       "after": {"name": "app/pending", "tags": None},
                                       "after_unknown": {"arn": True, "id": True, "retention_in_days": True}}},
        {"address": "aws_instance.relay", "type": "aws_instance", "name": "relay", "mode": "managed",
         "change": {"actions": ["create"], "before": None,
                    "after": {"ami": "ami-0123456789abcdef0", "instance_type": "t3.small",
                              "tags": {"hipaa-logging": "host"}},
                    "after_unknown": {"id": True, "public_ip": True, "associate_public_ip_address": True,
                                      "subnet_id": True, "vpc_security_group_ids": True}}},
        # egress is computed (no egress block: the provider removes AWS's default allow-all rule)
        {"address": "aws_security_group.relay", "type": "aws_security_group", "name": "relay", "mode": "managed",
         "change": {"actions": ["create"], "before": None,
                    "after": {"name": "relay", "tags": None, "ingress": [
                        {"from_port": 6514, "to_port": 6514, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"],
                         "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [], "self": False,
                         "description": ""}]},
                    "after_unknown": {"id": True, "arn": True, "egress": True,
                                      "ingress": [{"cidr_blocks": [False]}]}}},
    ],
    "configuration": {"root_module": {"resources": [
        # references to things the plan does not hold: a data source, a variable, module outputs
        {"address": "aws_instance.relay", "mode": "managed", "type": "aws_instance", "name": "relay",
         "expressions": {"subnet_id": {"references": ["data.aws_subnet.shared.id", "data.aws_subnet.shared"]},
                         "vpc_security_group_ids": {"references": ["aws_security_group.relay.id",
                                                                   "aws_security_group.relay"]},
                         "associate_public_ip_address": {"references": ["var.public", "module.net.public"]}}},
        {"address": "aws_cloudwatch_log_group.pending", "mode": "managed", "type": "aws_cloudwatch_log_group",
         "name": "pending", "expressions": {"retention_in_days": {"references": ["module.policy.days", "module.policy"]}}},
    ]}},
}
UNPARSEABLE = ["broken.tf", "half.tf.json", "latin1.tf", "truncated.json"]  # truncated.json: a cut-off plan

SMALL_FAILED = {
    ("HIPAA_AWS_001", "aws_cloudwatch_log_group.short"),
    ("HIPAA_AWS_020", "aws_instance.collector"),
    ("HIPAA_AWS_011", "aws_security_group.collector"),
    ("HIPAA_AWS_030", "aws_iam_role_policy.log_reader"),
    ("HIPAA_AWS_031", "aws_iam_role_policy.log_reader"),
    ("HIPAA_AWS_033", "aws_iam_role_policy.log_reader"),
    ("HIPAA_AWS_001", "aws_cloudwatch_log_group.監査ログ"),
    ("HIPAA_AWS_001", "resource.from_json"),
    *((check_id, "resource.json_host") for check_id in ("HIPAA_AWS_020", "HIPAA_AWS_021", "HIPAA_AWS_022")),
    ("HIPAA_AWS_001", "aws_cloudwatch_log_group.planned"),
    ("HIPAA_AWS_001", "aws_cloudwatch_log_group.pending"),  # unknown until apply: fails closed
    ("HIPAA_AWS_020", "aws_instance.relay"),  # associate_public_ip_address from a module output
    ("HIPAA_AWS_013", "aws_security_group.relay"),
}
SMALL_PASSED = {
    ("HIPAA_AWS_001", "aws_cloudwatch_log_group.kept"),
    ("HIPAA_AWS_001", "aws_cloudwatch_log_group.journal_données"),
    ("HIPAA_AWS_032", "aws_iam_role.log_reader"),
    *((check_id, f"aws_instance.{name}") for check_id in ("HIPAA_AWS_021", "HIPAA_AWS_022")
      for name in ("collector", "relay")),
    *(("HIPAA_AWS_010", "aws_security_group.collector"), ("HIPAA_AWS_013", "aws_security_group.collector"),
      ("HIPAA_AWS_014", "aws_security_group.collector")),
    *(("HIPAA_AWS_010", "aws_security_group.relay"), ("HIPAA_AWS_011", "aws_security_group.relay"),
      ("HIPAA_AWS_014", "aws_security_group.relay")),
}
# The generated stacks (benchmarks/generate.py): what fails in every stack, what passes in every stack, and what
# fails in every third stack (i % 3 == 0: short retention, plaintext syslog, log deletion) and passes in the others.
STACK_FAILED = ("HIPAA_AWS_004 aws_s3_bucket.trail", "HIPAA_AWS_005 aws_s3_bucket.trail",
                "HIPAA_AWS_007 aws_s3_bucket.trail", "HIPAA_AWS_009 aws_s3_bucket.trail",
                "HIPAA_AWS_040 aws_cloudtrail.main", "HIPAA_GCP_003 google_storage_bucket.sink",
                "HIPAA_GCP_004 google_storage_bucket.sink", "HIPAA_GCP_005 google_storage_bucket.sink")
STACK_PASSED = ("HIPAA_AWS_008 aws_s3_bucket.trail", "HIPAA_AWS_013 aws_security_group.collector",
                "HIPAA_AWS_014 aws_security_group.collector", "HIPAA_AWS_020 aws_instance.collector",
                "HIPAA_AWS_021 aws_instance.collector", "HIPAA_AWS_022 aws_instance.collector",
                "HIPAA_AWS_031 aws_iam_role_policy.log_reader", "HIPAA_AWS_032 aws_iam_role.log_reader",
                "HIPAA_AZURE_001 azurerm_log_analytics_workspace.w",
                "HIPAA_AZURE_002 azurerm_log_analytics_workspace_table.t", "HIPAA_GCP_002 google_storage_bucket.sink")
STACK_BROKEN = ("HIPAA_AWS_001 aws_cloudwatch_log_group.app", "HIPAA_AWS_002 aws_s3_bucket.trail",
                "HIPAA_AWS_002 aws_s3_bucket_lifecycle_configuration.trail",
                "HIPAA_AWS_010 aws_security_group.collector", "HIPAA_AWS_010 aws_security_group_rule.collector_out",
                "HIPAA_AWS_011 aws_security_group.collector", "HIPAA_AWS_011 aws_security_group_rule.collector_out",
                "HIPAA_AWS_030 aws_iam_role_policy.log_reader", "HIPAA_AWS_033 aws_iam_role_policy.log_reader",
                "HIPAA_GCP_001 google_logging_project_bucket_config.b", "HIPAA_GCP_006 google_compute_firewall.collector",
                "HIPAA_GCP_008 google_compute_firewall.collector")


def _stacks(templates, numbers) -> set:
    return {(check_id, f"{resource}_{i}") for i in numbers for check_id, resource in map(str.split, templates)}


BROKEN_STACKS = range(0, HUGE_STACKS, 3)
GOOD_STACKS = [i for i in range(HUGE_STACKS) if i % 3]
EXPECTED_FAILED = SMALL_FAILED | _stacks(STACK_FAILED, range(HUGE_STACKS)) | _stacks(STACK_BROKEN, BROKEN_STACKS)
EXPECTED_PASSED = SMALL_PASSED | _stacks(STACK_PASSED, range(HUGE_STACKS)) | _stacks(STACK_BROKEN, GOOD_STACKS)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("mixed")
    for name, text in VALID.items():
        (directory / name).write_text(text, encoding="utf-8")
    (directory / "unicode.tf").write_bytes(UNICODE.encode("utf-8"))
    for name, data in BROKEN.items():
        (directory / name).write_bytes(data)
    plan = json.dumps(PLAN, indent=2, ensure_ascii=False)
    (directory / "tfplan.json").write_text(plan, encoding="utf-8")
    (directory / "truncated.json").write_text(plan[: len(plan) // 2], encoding="utf-8")
    (directory / "huge.tf").write_text("".join(stack(i) for i in range(HUGE_STACKS)), encoding="utf-8")
    return directory


def _results(reports: list) -> dict:
    found = {"failed": set(), "passed": set(), "details": [], "parsing_errors": set()}
    for report in reports:
        results = report["results"]
        for verdict in ("failed", "passed"):
            found[verdict] |= {(r["check_id"], r["resource"]) for r in results[f"{verdict}_checks"]}
            found["details"] += [line for r in results[f"{verdict}_checks"] for line in r["details"] or []]
        found["parsing_errors"] |= set(results["parsing_errors"])
    return found


def test_expected_findings_add_up():
    """The exact sets are built from templates; their size shows no template line silently merged with another."""
    huge = HUGE_STACKS * (len(STACK_FAILED) + len(STACK_PASSED) + len(STACK_BROKEN))
    assert len(EXPECTED_FAILED) + len(EXPECTED_PASSED) == len(SMALL_FAILED) + len(SMALL_PASSED) + huge
    assert RESOURCES_PER_STACK * HUGE_STACKS == 1800


def test_scan_reports_every_finding_and_names_each_unparseable_file(mixed, capsys):
    code = main(["scan", str(mixed), "--output", "json"])

    captured = capsys.readouterr()
    found = _results(json.loads(captured.out))
    assert code == 2
    assert captured.err.splitlines() == [
        f"hipaa-checks: could not parse {mixed / name}; its resources were not checked" for name in UNPARSEABLE]
    assert found["failed"] == EXPECTED_FAILED
    assert found["passed"] == EXPECTED_PASSED
    assert not [line for line in found["details"] if "internal error" in line]
    assert "found: retention_in_days = 'module.policy.days' cannot be verified statically" in found["details"]
    assert ("found: the resources this one refers to cannot be verified statically: Checkov gives checks no graph "
            "for Terraform JSON (.tf.json) files; scan the .tf source or a plan") in found["details"]


def test_plain_checkov_reports_the_same_and_lists_each_unparseable_file(mixed):
    command = [CHECKOV, "-d", str(mixed), "--external-checks-dir", str(POLICIES), "--check", "HIPAA_*",
               "--framework", *FRAMEWORKS, "--skip-download", "-o", "json"]
    run = subprocess.run(command, capture_output=True, text=True, cwd=mixed, timeout=300)

    output = json.loads(run.stdout)
    found = _results(output if isinstance(output, list) else [output])
    assert run.returncode == 1  # for the findings: parse errors never change Checkov's exit code (see docs/robustness.md)
    assert {os.path.abspath(path) for path in found["parsing_errors"]} == {str(mixed / name) for name in UNPARSEABLE}
    assert found["failed"] == EXPECTED_FAILED
    assert found["passed"] == EXPECTED_PASSED
    assert not [line for line in found["details"] if "internal error" in line]
    assert "Traceback" not in run.stderr
    assert [line for line in run.stderr.splitlines()
            if "ERROR" in line and ("hipaa_checks" in line or "policies" in line)] == []


def test_plain_checkov_exits_0_when_a_file_does_not_parse_and_nothing_fails(tmp_path):
    """Why docs/robustness.md tells CI users to watch parsing_errors (or use `hipaa-checks scan`, which exits 2)."""
    (tmp_path / "broken.tf").write_bytes(BROKEN["broken.tf"])
    (tmp_path / "logs.tf").write_text(VALID["logs.tf"].replace("= 30", "= 0"))

    code, report, _ = checkov(tmp_path, POLICIES)

    assert (code, report["results"]["parsing_errors"]) == (0, [str(tmp_path / "broken.tf")])
    assert report["summary"]["failed"] == 0 and report["summary"]["passed"] == 2
