from django.urls import path

from scoping import views

app_name = "scoping"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
]
