from django.contrib import admin
from django.urls import include, path

from config import health
from scoping.api.api import api
from scoping.review import second_factor

admin.site.site_header = "Scope intake"
admin.site.site_title = "Scope intake"
admin.site.index_title = "Briefs and memos"

urlpatterns = [
    path("admin/two-factor/", include(second_factor.urlpatterns)),
    path("admin/", admin.site.urls),
    path("healthz/", health.healthz, name="healthz"),
    path("api/v1/", api.urls),  # the integrations' JSON API (scoping/api), its schema at openapi.json
    path("", include("scoping.urls")),
]

# The site's own error pages (config/errors.py), for the public pages and the admin alike.
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
