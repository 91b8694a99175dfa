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

# A client that stops sending in the middle of its headers or body holds one of its worker's threads
# (gthread reads them with blocking calls that never time out): eight such connections took a worker
# for good (bench/faults.py --fault slow-clients). Every read and write on a client connection
# gets a deadline instead, so a stalled client loses its connection and frees its thread within
# CLIENT_IO_TIMEOUT seconds. A buffering proxy in front (see the README) keeps them away altogether.
CLIENT_IO_TIMEOUT = 10


def post_worker_init(worker):
    from gunicorn.workers import gthread

    if getattr(gthread.TConn.init, "with_io_timeout", False):
        return
    init = gthread.TConn.init

    def init_with_io_timeout(conn):
        init(conn)  # after the worker has put the socket back into blocking mode for this request
        conn.sock.settimeout(CLIENT_IO_TIMEOUT)

    init_with_io_timeout.with_io_timeout = True
    gthread.TConn.init = init_with_io_timeout


accesslog = "-"
errorlog = "-"
