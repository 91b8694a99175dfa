"""gunicorn settings for the container (Dockerfile, docker-compose.yml): `gunicorn -c gunicorn.conf.py studyapp.wsgi`.

Threaded workers, so a few slow clients cannot take every worker (with three sync workers, three
stalled uploads stopped even /healthz). gunicorn still hands each connection to a thread that
waits for the client: in production a reverse proxy in front buffers requests and limits bodies
(see the README). Values come from the environment, as in studyapp/settings.py.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Each thread holds at most one database connection: keep threads <= DATABASE_POOL_MAX_SIZE (8).
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30
graceful_timeout = 30
keepalive = 5

# Request limits: the request line and headers here; bodies over DATA_UPLOAD_MAX_MEMORY_SIZE are
# refused by studyapp.middleware.RequestBodyLimitMiddleware before anything reads them.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

accesslog = "-"
errorlog = "-"
