from django.urls import path

from scoping import intake_views, views

app_name = "scoping"
urlpatterns = [
    path("", views.home, name="home"),
    path("brief/new/", intake_views.brief_new, name="brief_new"),
    path("brief/new/check/", intake_views.brief_new_check, name="brief_new_check"),
    path("brief/<str:token>/", intake_views.brief_home, name="brief"),
    path("brief/<str:token>/review/", intake_views.brief_review, name="brief_review"),
    path("brief/<str:token>/saved/", intake_views.brief_saved, name="brief_saved"),
    path("brief/<str:token>/report/", views.report, name="report"),
    path("brief/<str:token>/memo.pdf", views.memo_pdf, name="memo_pdf"),
    path("brief/<str:token>/<slug:slug>/", intake_views.brief_step, name="brief_step"),
    path("brief/<str:token>/<slug:slug>/check/", intake_views.brief_check, name="brief_check"),
    path("healthz/", views.healthz, name="healthz"),
]
