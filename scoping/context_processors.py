from django.conf import settings
from django.http import HttpRequest


def consultancy(request: HttpRequest | None) -> dict[str, str]:
    """Who the pages speak for, from settings, so no template hard-codes a name or address."""
    return {
        "consultancy_name": settings.CONSULTANCY_NAME,
        "consultancy_email": settings.CONSULTANCY_EMAIL,
        "booking_url": settings.CONSULTANCY_BOOKING_URL,
    }
