"""The site's URLs plus one view that fails, to see the 500 page as a visitor would."""

from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def fails(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [*urlpatterns, path("fails/", fails)]
