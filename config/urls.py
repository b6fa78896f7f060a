from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Scope intake"
admin.site.site_title = "Scope intake"
admin.site.index_title = "Briefs and memos"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("scoping.urls")),
]
