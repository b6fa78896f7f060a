from django.urls import path

from scoping import views

app_name = "scoping"
urlpatterns = [
    path("", views.home, name="home"),
    path("brief/<str:token>/report/", views.report, name="report"),
    path("brief/<str:token>/memo.pdf", views.memo_pdf, name="memo_pdf"),
    path("healthz/", views.healthz, name="healthz"),
]
