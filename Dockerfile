FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STATIC_MANIFEST=true

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext graphviz fonts-nanum \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements.txt

COPY . .
RUN python manage.py compilemessages -l ko -v0 \
    && SECRET_KEY=build-only python manage.py collectstatic --no-input -v0 \
    && useradd --system --uid 1000 app && chown -R app /app
USER app

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 CMD ["python", "-m", "studyapp.healthcheck"]
# Threaded workers and request limits: gunicorn.conf.py.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "studyapp.wsgi"]
