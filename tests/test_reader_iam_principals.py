"""Reader IAM (GCP, Azure): one principal however it is written, and words only from plain text."""

from hipaa_checks.checks.reader_iam.azure_grants import principal_key
from hipaa_checks.checks.reader_iam.gcp_grants import member_key
from hipaa_checks.checks.reader_iam.principal_grants import _plain


def test_one_service_account_however_written():
    assert member_key("serviceAccount:${google_service_account.siem.email}") == "google_service_account.siem"
    assert member_key("google_service_account.siem.member") == "google_service_account.siem"
    assert member_key(" Group:Log-Readers@acme.com ") == "group:log-readers@acme.com"


def test_one_azure_principal_however_written():
    assert principal_key("azuread_group.log_readers.object_id") == "azuread_group.log_readers"
    assert principal_key("data.azuread_group.log_readers.object_id") == "azuread_group.log_readers"
    assert principal_key("AAAA-1") == "aaaa-1"


def test_words_come_from_literals_and_plain_references_only():
    assert _plain("group:log-readers@acme.com")
    assert _plain("serviceAccount:${google_service_account.x.email}")
    assert _plain('module.iam.members["k"]')
    assert not _plain("['local.x ? zipmap(a, b) : {}'][each.key].member")
