"""The integrations in the admin: superusers only; a key shown once; revoking; an endpoint's URL
checked and its secret rotated; a delivery given up sent again."""

import re

import pytest
from django.urls import reverse

from scoping.models import ApiKey, WebhookDelivery, WebhookEndpoint, WebhookEvent
from scoping.services.keys import api_key_find
from scoping.services.webhooks import webhook_endpoint_save
from tests.support.factories import BriefFactory, SuperuserFactory


@pytest.fixture
def superuser(db):
    return SuperuserFactory(username="root")


@pytest.mark.parametrize(
    "url_name",
    ["admin:scoping_apikey_changelist", "admin:scoping_apikey_add", "admin:scoping_webhookendpoint_changelist",
     "admin:scoping_webhookdelivery_changelist"],
)  # fmt: skip
def test_consultants_do_not_see_keys_endpoints_or_deliveries(client, consultant, superuser, url_name):
    client.force_login(consultant)
    assert client.get(reverse(url_name)).status_code == 403

    client.force_login(superuser)
    assert client.get(reverse(url_name)).status_code == 200


def test_a_key_is_shown_once_and_works(client, superuser):
    client.force_login(superuser)

    response = client.post(reverse("admin:scoping_apikey_add"), {"name": "HubSpot", "scope": "write"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = re.search(r"si_[0-9a-f]{8}_[\w-]+", response.content.decode()).group()
    key = api_key_find(raw)
    assert (key.name, key.scope, key.created_by) == ("HubSpot", ApiKey.Scope.WRITE, superuser)
    page = client.get(reverse("admin:scoping_apikey_change", args=[key.pk])).content.decode()
    assert key.prefix in page
    assert raw not in page


def test_revoking_a_key_in_the_admin(client, superuser, write_key):
    key, raw = write_key
    client.force_login(superuser)

    client.post(reverse("admin:scoping_apikey_changelist"), {"action": "revoke", "_selected_action": [key.pk]})

    assert api_key_find(raw) is None
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None


def test_an_endpoint_must_be_https(client, superuser, settings):
    settings.SCOPING_WEBHOOK_HTTP_LOOPBACK = False
    client.force_login(superuser)
    form = {"name": "CRM", "events": ["brief.submitted", "deal.won"], "active": "on"}

    refused = client.post(reverse("admin:scoping_webhookendpoint_add"), {**form, "url": "http://crm.example/h"})
    client.post(reverse("admin:scoping_webhookendpoint_add"), {**form, "url": "https://crm.example/h"})

    assert "HTTPS URLs only" in refused.content.decode()
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.url == "https://crm.example/h"
    assert endpoint.events == ["brief.submitted", "deal.won"]
    assert endpoint.secret.startswith("whsec_")


def test_rotating_a_secret_in_the_admin(client, superuser):
    endpoint = webhook_endpoint_save(
        endpoint=WebhookEndpoint(name="CRM", url="https://crm.example/h", events=["deal.won"])
    )
    old = endpoint.secret
    client.force_login(superuser)

    client.post(
        reverse("admin:scoping_webhookendpoint_changelist"),
        {"action": "rotate_secret", "_selected_action": [endpoint.pk]},
    )

    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert endpoint.previous_secret == old


def test_a_delivery_given_up_is_sent_again_from_the_admin(client, superuser, settings):
    webhook_endpoint_save(
        endpoint=WebhookEndpoint(name="CRM", url="https://crm.example/h", events=[WebhookEvent.BRIEF_SUBMITTED])
    )
    BriefFactory()
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=WebhookDelivery.Status.FAILED, attempts=7)
    client.force_login(superuser)
    assert client.get(reverse("admin:scoping_webhookdelivery_change", args=[delivery.pk])).status_code == 200

    client.post(
        reverse("admin:scoping_webhookdelivery_changelist"), {"action": "send_again", "_selected_action": [delivery.pk]}
    )

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.PENDING, 0)
