"""An HTTP proxy on 127.0.0.1 in front of the moto server that answers every request to the
chosen AWS services with that service's throttling error (as AWS does under load) and passes
the others on: what a drift run meets in a busy account."""

from __future__ import annotations

import http.client
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

# the error each protocol's clients read as throttling (botocore retries it, then gives up)
_QUERY = (503, "text/xml", b'<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error>'
          b"<Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message>"
          b"</Error></Errors><RequestID>throttled</RequestID></Response>")
_JSON = (400, "application/x-amz-json-1.1",
         b'{"__type":"ThrottlingException","message":"Rate exceeded"}')
_REST_XML = (503, "application/xml", b'<?xml version="1.0" encoding="UTF-8"?><Error>'
             b"<Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
             b"<RequestId>throttled</RequestId></Error>")
_SCOPE = re.compile(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request")


@contextmanager
def throttling(upstream: str, services: set[str]) -> Iterator[tuple[str, list[str]]]:
    """A proxy URL whose requests to ``services`` (signing names: ec2, acm, ...) are all
    throttled, and the list of the services it throttled, in order."""
    target = urlsplit(upstream)
    throttled: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _any(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            found = _SCOPE.search(self.headers.get("Authorization", ""))
            service = found.group(1) if found else ""
            if service in services:
                throttled.append(service)
                status, kind, payload = (
                    _QUERY if service in ("ec2", "elasticloadbalancing", "iam", "sts")
                    else _REST_XML if service in ("s3", "route53") else _JSON)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            connection.close()

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _any

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", throttled
    finally:
        server.shutdown()
        server.server_close()
