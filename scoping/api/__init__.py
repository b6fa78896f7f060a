"""The integrations' room: a JSON API (django-ninja) for a CRM, under /api/v1/. It reads the core's
account of a brief (scoping.integration) and writes only through the core's services."""
