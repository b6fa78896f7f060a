from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bare/", bare), *site]
