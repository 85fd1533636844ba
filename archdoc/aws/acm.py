"""ACM: the certificates of each region the model's certificates live in."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "acm"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({"ListCertificates", "DescribeCertificate", "ListTagsForCertificate"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    """Certificate summaries per region, and the full description of each (validation method,
    SANs, expiry) and tags of those the model may mean (every one, when a certificate is
    located by its tags); ``ListCertificates`` lists every status."""
    by_region: dict[str, list[dict[str, Any]]] = {}
    summaries_by_region: dict[str, list[dict[str, Any]]] = {}
    wanted = scope.names("acm_certificate")
    every = scope.all_of("acm_certificate")
    for region in sorted(scope.regions.get("acm_certificate", frozenset()) | {reader.region}):
        client = reader.client(SERVICE, region)
        summaries = paginate(client, "list_certificates", "CertificateSummaryList", Includes={
            "keyTypes": ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1",
                         "EC_secp384r1", "EC_secp521r1"]})
        certificates: list[dict[str, Any]] = []
        for summary in summaries:  # described only if the model may mean it: one call each
            arn = summary["CertificateArn"]
            if not every and not ({summary.get("DomainName"), arn} & wanted):
                continue
            described = client.describe_certificate(CertificateArn=arn)["Certificate"]
            tags = client.list_tags_for_certificate(CertificateArn=arn).get("Tags", [])
            certificates.append({**described, "Tags": tags})
        by_region[region] = certificates
        summaries_by_region[region] = summaries
    return {"certificates": by_region, "summaries": summaries_by_region}
