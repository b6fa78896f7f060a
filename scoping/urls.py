from django.urls import path, register_converter

from scoping.access import TokenConverter
from scoping.intake import views as intake_views
from scoping.memo import views as memo_views

register_converter(TokenConverter, "token")

app_name = "scoping"
urlpatterns = [
    path("", intake_views.home, name="home"),
    path("brief/new/", intake_views.brief_new, name="brief_new"),
    path("brief/new/check/", intake_views.brief_new_check, name="brief_new_check"),
    path("brief/<token:token>/", intake_views.brief_home, name="brief"),
    path("brief/<token:token>/review/", intake_views.brief_review, name="brief_review"),
    path("brief/<token:token>/saved/", intake_views.brief_saved, name="brief_saved"),
    path("brief/<token:token>/report/", memo_views.report, name="report"),
    path("brief/<token:token>/memo.pdf", memo_views.memo_pdf, name="memo_pdf"),
    path("brief/<token:token>/<slug:slug>/", intake_views.brief_step, name="brief_step"),
    path("brief/<token:token>/<slug:slug>/check/", intake_views.brief_check, name="brief_check"),
]
