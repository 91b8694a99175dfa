"""Container health check: GET /healthz from the local gunicorn; exit 0 when it answers 200.

Run: python -m studyapp.healthcheck (docker-compose.yml does, every few seconds). It asks with the
first name in ALLOWED_HOSTS, so a production ALLOWED_HOSTS does not turn it into a 400, and
/healthz is exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT). No Django import: it is cheap.
"""

import http.client
import os
import sys


def main() -> int:
    port = int(os.environ.get("PORT", "8000"))
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost").split(",") if h.strip()]
    host = hosts[0].lstrip(".") if hosts and hosts[0] != "*" else "localhost"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz", headers={"Host": host})
        status = connection.getresponse().status
    except OSError as error:
        print(f"healthcheck: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    if status != 200:
        print(f"healthcheck: /healthz answered {status}", file=sys.stderr)
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
