FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PORT=8000
# Pango and HarfBuzz for WeasyPrint's PDF memos; DejaVu so the PDF has fonts to embed.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
RUN pip install . \
 && DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=build SCOPING_SITE_URL=https://build python manage.py collectstatic --no-input \
 && useradd --system --uid 10001 app
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--access-logfile", "-", "--logger-class", "config.logs.AccessLog", "--max-requests", "500", "--max-requests-jitter", "50"]
