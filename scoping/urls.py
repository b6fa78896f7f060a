from django.urls import path, register_converter
from django.views.generic import RedirectView

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
    path("brief/<token:token>/send/", intake_views.brief_send, name="brief_send"),
    # The last step's address until it was renamed: a page opened before then still finds it.
    path("brief/<token:token>/review/", RedirectView.as_view(pattern_name="scoping:brief_send")),
    path("brief/<token:token>/saved/", intake_views.brief_saved, name="brief_saved"),
    path("brief/<token:token>/accept/", intake_views.brief_accept, name="brief_accept"),
    path("brief/<token:token>/questions/", intake_views.brief_questions, name="brief_questions"),
    path("brief/<token:token>/report/", memo_views.report, name="report"),
    path("brief/<token:token>/memo.pdf", memo_views.memo_pdf, name="memo_pdf"),
    path("brief/<token:token>/memo/v<int:number>.pdf", memo_views.memo_version_pdf, name="memo_version_pdf"),
    path("brief/<token:token>/<slug:slug>/", intake_views.brief_step, name="brief_step"),
    path("brief/<token:token>/<slug:slug>/check/", intake_views.brief_check, name="brief_check"),
]
