# The production image: gunicorn for the web, the same image for the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=benelux_portal.settings.production \
    DJANGO_STATIC_ROOT=/app/staticfiles

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 10001 portal

# Part of every cached page's key: `docker build --build-arg PORTAL_RELEASE_ID=$(git rev-parse HEAD)`; left empty,
# the portal uses a digest of its code, so a new image never serves pages cached by the previous one.
ARG PORTAL_RELEASE_ID=""
ENV PORTAL_RELEASE_ID=${PORTAL_RELEASE_ID}

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Build-time only values: collectstatic and compilemessages need settings, not secrets.
RUN DJANGO_SECRET_KEY=build-only-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ \
    DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py compilemessages --verbosity 0 \
    && DJANGO_SECRET_KEY=build-only-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ \
    DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --no-input --verbosity 0 \
    && mkdir -p /app/var /app/media && chown -R portal /app/var /app/media

USER portal
EXPOSE 8000
CMD ["gunicorn", "benelux_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
