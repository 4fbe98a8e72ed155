"""Mezmo pipeline destinations deliver logs only over TLS: https endpoints, TLS left on."""

from __future__ import annotations

from typing import List, Optional

from hipaa_checks.checks.audit.common import judge_all
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import BadValue, Unresolved, bool_attr, is_unresolved, unwrap
from hipaa_checks.verdict import Verdict

# Destination type -> attribute holding its URL(s), and flags that turn TLS (or its certificate check) off.
URLS = {
    "mezmo_http_destination": "uri",
    "mezmo_loki_destination": "endpoint",
    "mezmo_splunk_hec_logs_destination": "endpoint",
    "mezmo_elasticsearch_destination": "endpoints",
}
FLAGS = {"mezmo_kafka_destination": "tls_enabled", "mezmo_splunk_hec_logs_destination": "tls_verify_certificate"}


def _plain_urls(conf: dict, key: str) -> Optional[str]:
    value = unwrap(conf.get(key))
    urls: List = value if isinstance(value, list) else [] if value is None else [value]
    plain = []
    for url in urls:
        if not isinstance(url, str):
            raise BadValue(key, url, "a URL")
        if url.strip().lower().startswith("https://"):
            continue
        if is_unresolved(url):
            raise Unresolved(key, url)
        plain.append(url)
    return f"{key} = {', '.join(repr(url) for url in plain)} (not https://)" if plain else None


def _flag_off(conf: dict, key: Optional[str]) -> Optional[str]:
    return f"{key} = false" if key and bool_attr(conf, key) is False else None


class MezmoDestinationTls(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_MEZMO_005",
        title="Mezmo pipeline destinations send logs over TLS (https endpoints, TLS and certificate checks on)",
        family=Family.AUDIT,
        severity=Severity.HIGH,
        resources=tuple(dict.fromkeys((*URLS, *FLAGS))),
        since="0.2.0",
        sections=("164.312(b)", "164.312(e)(2)(ii)"),
        why="A pipeline destination receives the audit records Mezmo collected. Over http:// or with TLS off, the "
        "records (and any PHI in them) cross the network readable and alterable by anyone on the path; without "
        "certificate verification, anyone who can answer for the host receives them.",
        fix="Use an https:// uri / endpoint(s); leave tls_enabled (Kafka) and tls_verify_certificate (Splunk HEC) "
        "unset or true.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        ctx.reasons.append(f"every {ctx.node.type} delivers a pipeline's logs")
        url_key, flag_key = URLS.get(ctx.node.type), FLAGS.get(ctx.node.type)
        return judge_all(
            (lambda: _plain_urls(conf, url_key) if url_key else None, lambda: _flag_off(conf, flag_key)),
            "https:// endpoints; tls_enabled and tls_verify_certificate not false",
            ctx.why_judged(self.id),
            "the destination is reached over verified TLS",
        )


check = MezmoDestinationTls()
