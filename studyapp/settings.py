"""Settings for the study app, read from environment variables (see .env.example).

A fresh checkout runs with no variables set: SQLite, console e-mail, DEBUG off unless asked for.
"""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from studyapp.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
# The insecure default only lets a fresh checkout start; `check --deploy` flags it (security.W009).
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-local-development-only-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
SITE_NAME = _("AWS SA Study")  # in e-mail greetings and subjects, in the reader's language

INSTALLED_APPS = [
    "accounts",
    "topics",
    "quizzes",
    "exams",
    "reviews",
    "plans",
    "classes",
    "studyapp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "allauth",
    "allauth.account",
    "django_tasks_db",
]

MIDDLEWARE = [
    "studyapp.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that writes the body; WhiteNoise (inserted before it) serves static files
    # precompressed and never reaches it.
    "studyapp.middleware.CompressionMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before the session middleware: a cookie may carry an escaped NUL too.
    "studyapp.middleware.ControlCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "studyapp.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

# The site's forms are small; RequestBodyLimitMiddleware refuses anything larger before reading it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

ROOT_URLCONF = "studyapp.urls"
CSRF_FAILURE_VIEW = "studyapp.views.csrf_failure"
WSGI_APPLICATION = "studyapp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite by default; PostgreSQL (with psycopg's pool) when DATABASE_URL points at it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # A short connect timeout lets /healthz answer 503 quickly when the server is unreachable.
    options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5, minimum=1))
    # Prepared statements stay possible on a connection (Django turns them off): only the hot statements of
    # studyapp/rows.py ask for them, through a server-binding cursor; every other cursor binds parameters
    # on the client and never prepares.
    options.setdefault("prepare_threshold", 1_000_000)
    if env_bool("DATABASE_POOL", True):
        options["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1, minimum=0),
            "max_size": env_int("DATABASE_POOL_MAX_SIZE", 8, minimum=1),
            # How long a request waits for a connection. The pool is larger than gunicorn's threads, so
            # a healthy app never waits: a short wait only makes pages fail fast in an outage.
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 2, minimum=1),
            # Retry a lost connection in the background only briefly; after that the next request
            # tries at once, so the app is back within seconds of the database (psycopg's default
            # backs off for up to 5 minutes).
            "reconnect_timeout": 5,
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # psycopg's pool refuses persistent connections
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# LocMem is per process; production sets CACHE_BACKEND=database so rate limits hold across workers.
_CACHE_BACKENDS = {
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "studyapp_cache"},
}
_cache_backend = env_str("CACHE_BACKEND", "locmem")
if _cache_backend not in _CACHE_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"Environment variable CACHE_BACKEND must be one of {', '.join(_CACHE_BACKENDS)}, got {_cache_backend!r}."
    )
CACHES = {"default": _CACHE_BACKENDS[_cache_backend]}

# Background tasks (django.tasks): "database" queues them for `manage.py db_worker` (production, and
# `make run` starts one); "immediate" runs them inside the request (tests, a quick look).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env_str("TASKS_BACKEND", "database")
if _task_backend not in _TASK_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"Environment variable TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, got {_task_backend!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# allauth's default rate limits (login failures, signups, password resets, confirmations) stay on.

# E-mail: console in development, SMTP when SMTP_HOST is set.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "AWS SA Study <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_smtp_host = env_str("SMTP_HOST")
if _smtp_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp_host,
                "port": env_int("SMTP_PORT", 587, minimum=1),
                "username": env_str("SMTP_USER", ""),
                "password": env_str("SMTP_PASSWORD", ""),
                "use_tls": env_bool("SMTP_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "studyapp.mail.ConsoleEmailBackend"}}  # Korean printed readably

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "studyapp_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env_str("TIME_ZONE", "Asia/Seoul")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files need `collectstatic`; production (the Dockerfile) turns them on.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
if STATIC_MANIFEST:
    # Production serves collected files itself; runserver and the test live server use the finders.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
# Behind the one proxy every request comes from the proxy's address: allauth's rate limits then take
# the visitor's address from the last X-Forwarded-For entry, the one the proxy itself appended.
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if BEHIND_TLS_PROXY else 0
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check asks over plain HTTP
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SECURE_SSL_REDIRECT else "http"  # links in e-mails
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Mounts /bench/baseline/, the bare one-UPDATE view the load benchmarks (bench/answers.py) measure the
# answer saves against. Never on in production.
BENCH_BASELINE = env_bool("BENCH_BASELINE", False)

LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own config gives "django" a console handler of its own under DEBUG (and mail_admins,
    # unused: no ADMINS): with the root's handler every line printed twice. One handler, the root's.
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL}},
}
