"""The value readers and name matching every check relies on."""

from __future__ import annotations

import pytest

from hipaa_checks.roles import has_phrase, words
from hipaa_checks.values import BadValue, Unresolved, as_int, blocks, int_attr, is_unresolved, scalar


@pytest.mark.parametrize(("value", "expected"), [
    ([2192], 2192), (["2192"], 2192), ([" 2192 "], 2192), ([2192.0], 2192), ([None], None), (None, None),
])
def test_int_attr_reads_every_checkov_shape(value, expected):
    assert int_attr({"days": value} if value is not None else {}, "days") == expected


@pytest.mark.parametrize("value", [
    "var.days", "${var.days}", "module.logs.days", "aws_x.y.days", "each.value.days",
    "try(expiration.value.days,None)", "lookup(var.rules, \"days\", 30)", "var.long ? 2192 : 30",
    "['2192', '30'][count.index]", "days[each.key]",
])
def test_references_are_unresolved(value):
    assert is_unresolved(value)
    with pytest.raises(Unresolved):
        as_int(value, "days")


def test_unevaluated_expression_leftovers_are_unresolved_not_bad():
    with pytest.raises(Unresolved):
        as_int({}, "days")


@pytest.mark.parametrize("value", [True, "six", 1.5, ["30", "60"], "audit.logs.example.com", "Logs (prod)"])
def test_odd_values_are_bad_not_numbers(value):
    with pytest.raises(BadValue):
        as_int(value, "days")


def test_literal_names_with_dots_are_not_references():
    assert not is_unresolved("audit.logs.example.com")
    assert not is_unresolved("arn:aws:s3:::audit-logs")


def test_blocks_and_scalars_unwrap_checkov_lists():
    conf = {"rule": [{"status": ["Enabled"]}, {"status": ["Disabled"]}], "tags": [[{"a": 1}]]}
    assert [scalar(rule, "status") for rule in blocks(conf, "rule")] == ["Enabled", "Disabled"]
    assert list(blocks(conf, "missing")) == []
    assert list(blocks({"rule": ["not a block"]}, "rule")) == []


@pytest.mark.parametrize(("name", "phrase", "expected"), [
    ("audit_logs", "log", True),
    ("auditLogs", "log", True),
    ("cloudtrail-bucket", "cloudtrail", True),
    ("catalog", "log", False),
    ("blog_assets", "log", False),
    ("team-log-readers", "log reader", True),
    ("db-reader", "log reader", False),
])
def test_names_match_whole_words_and_plurals(name, phrase, expected):
    assert has_phrase(words(name), phrase) is expected


def test_plan_values_unknown_until_apply_become_unresolved():
    from hipaa_checks.plan import UNKNOWN, with_unknowns

    conf = {"name": ["app"], "rule": [{"days": [None]}, {"days": [30]}]}
    merged = with_unknowns(conf, {"retention_in_days": True, "name": True, "rule": [{"days": True}, {}]})
    assert merged == {"name": ["app"], "retention_in_days": [UNKNOWN], "rule": [{"days": [UNKNOWN]}, {"days": [30]}]}
    assert conf == {"name": ["app"], "rule": [{"days": [None]}, {"days": [30]}]}  # Checkov's own dict untouched
    with pytest.raises(Unresolved):
        int_attr(merged, "retention_in_days")


def test_plan_unknowns_inside_object_attributes_become_unresolved():
    from hipaa_checks.plan import UNKNOWN, with_unknowns

    conf = {"devices": [{"interfaces": [{"source": [{"bridge": [{}]}]}]}]}  # Checkov wraps objects in lists
    merged = with_unknowns(conf, {"devices": {"interfaces": [{"source": {"bridge": {"bridge": True}}}]}})
    assert merged == {"devices": [{"interfaces": [{"source": [{"bridge": [{"bridge": [UNKNOWN]}]}]}]}]}


def test_a_name_known_only_after_apply_links_to_nothing():
    """In a plan every new resource's unknown name is the same marker; it must not link two resources."""
    from hipaa_checks.graph import GraphIndex, Node
    from hipaa_checks.plan import UNKNOWN

    index = GraphIndex()
    for name, value in (("logs", UNKNOWN), ("other", UNKNOWN), ("named", "acme-logs")):
        node = Node(f"aws_s3_bucket.{name}", "aws_s3_bucket", name, {"bucket": [value]}, "tfplan.json")
        index.nodes[node.address] = node
        index.by_type.setdefault(node.type, []).append(node)
    assert index.named(UNKNOWN, "aws_s3_bucket") is None
    assert index.named("acme-logs", "aws_s3_bucket").address == "aws_s3_bucket.named"


def test_data_sources_in_modules_are_addressed_as_terraform_writes_them():
    from hipaa_checks.graph import _node_from

    attributes = {"block_type_": "data", "__address__": "module.net.vsphere_network.dmz",
                  "block_name_": "vsphere_network.dmz", "config_": {"vsphere_network": {"dmz": {"name": ["dmz"]}}}}
    node = _node_from(attributes)
    assert node.address == "module.net.data.vsphere_network.dmz" and node.is_data_source
    assert _node_from({**attributes, "__address__": "vsphere_network.dmz"}).address == "data.vsphere_network.dmz"
    assert not _node_from({**attributes, "block_type_": "resource"}).is_data_source


def test_list_variables_without_a_value_are_unresolved_where_checkov_rendered_them():
    """Checkov renders a list variable without a value as []; its breadcrumbs say which attributes it filled."""
    from hipaa_checks.graph import GraphIndex, _unset_list_variables, _unset_paths

    def variable(address, **attributes):
        return None, {"block_type_": "variable", "__address__": address, "file_path_": "/r/main.tf", **attributes}

    crumb = [{"type": "variable", "name": "cidrs"}]
    vertices = [
        variable("cidrs", type="list(string)"),  # no value: rendered as []
        variable("known", type="list(string)", default=[]),  # a real empty list
        variable("given", type="list(string)", default=["10.0.0.0/8"]),  # from tfvars
        variable("names", type="set(string)"),  # left as var.names by Checkov, already unresolved
        variable("module.m.cidrs", type="any", default=[]),  # given var.cidrs by its caller
        (None, {"block_type_": "module", "__address__": "m", "file_path_": "/r/main.tf",
                "rendering_breadcrumbs_": {"cidrs": crumb}}),
    ]
    unset = _unset_list_variables(vertices)
    assert unset == {("/r", "cidrs"): "var.cidrs", ("/r", "module.m.cidrs"): "var.cidrs"}

    resource = {"rendering_breadcrumbs_": {"egress.1": crumb, "egress.1.cidr_blocks": crumb,
                                           "ingress.cidr_blocks": [{"type": "variable", "name": "known"}]}}
    index = GraphIndex(unset_lists={"aws_security_group.g": _unset_paths(resource, "aws_security_group.g", "/r", unset)})
    conf = {"egress": [{"cidr_blocks": [["10.0.0.0/8"]]}, {"cidr_blocks": []}], "ingress": [{"cidr_blocks": []}]}
    checked = index.as_checked(conf, "aws_security_group.g")
    assert checked == {"egress": [{"cidr_blocks": [["10.0.0.0/8"]]}, {"cidr_blocks": ["var.cidrs"]}],
                       "ingress": [{"cidr_blocks": []}]}
    assert conf["egress"][1] == {"cidr_blocks": []}  # Checkov's own dict untouched
    assert str(Unresolved("cidr_blocks", ["var.cidrs"])).endswith("cannot be verified statically: var.cidrs has no value")
