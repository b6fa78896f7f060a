"""Staff accounts guard every client's brief: sign-in attempts are throttled, a second factor (an
authenticator app's code, or a single-use recovery code) is required in production and optional in
development, and a session ends after a while without a request."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.rooms.review.staff import LOGIN, app_code, sign_in
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.SCOPING_STAFF_SECOND_FACTOR = True


def test_wrong_passwords_lock_that_account_from_that_address_for_an_hour(client, consultant):
    statuses = [sign_in(client, "consultant", "wrong").status_code for _ in range(5)]

    locked = sign_in(client, "consultant")  # even the right password, now
    other_address = sign_in(Client(), "consultant", REMOTE_ADDR="203.0.113.9")

    assert statuses == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    assert locked["Retry-After"] == "3600"
    assert "Too many attempts to sign in" in locked.text
    assert "_auth_user_id" not in client.session
    assert other_address.status_code == 302, "one address guessing cannot lock the consultant out everywhere"
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert sign_in(client, "consultant").status_code == 302


def test_guessing_from_one_ipv6_network_is_locked_out_whichever_of_its_addresses(consultant):
    guesses = [sign_in(Client(), "consultant", "wrong", REMOTE_ADDR=f"2001:db8:1:2::{n:x}") for n in range(1, 7)]

    assert [guess.status_code for guess in guesses] == [200, 200, 200, 200, 429, 429]
    assert sign_in(Client(), "consultant", REMOTE_ADDR="2001:db8:1:2:ffff::9").status_code == 429
    assert sign_in(Client(), "consultant", REMOTE_ADDR="2001:db8:1:3::1").status_code == 302


def test_a_first_sign_in_in_production_sets_up_the_app_and_gives_recovery_codes(client, consultant, required):
    sign_in(client, "consultant")

    setup = client.get("/admin/", follow=True)
    assert setup.redirect_chain[-1][0].startswith(reverse("second_factor_setup"))
    assert "<svg" in setup.text
    assert re.search(r'<code class="second-factor-key">[A-Z2-7 ]{20,}</code>', setup.text)
    wrong = client.post(reverse("second_factor_setup"), {"code": "000000", "next": "/admin/"})
    too_soon = client.post(reverse("second_factor_setup"), {"code": app_code(consultant), "next": "/admin/"})
    assert "That code did not match" in wrong.text
    assert "1 wrong code in a row, so the next try waits 1 second" in too_soon.text, "guessing is slowed down"
    assert "too many" not in too_soon.text.lower(), "one wrong code is not too many"
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        codes_page = client.post(reverse("second_factor_setup"), {"code": app_code(consultant), "next": "/admin/"})

    codes = re.findall(r"<li><code>(\w+)</code></li>", codes_page.text)
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200


def test_later_sign_ins_ask_for_the_code_and_a_recovery_code_works_once(client, consultant, required):
    sign_in(client, "consultant")
    client.get(reverse("second_factor_setup"))
    page = client.post(reverse("second_factor_setup"), {"code": app_code(consultant)})
    recovery = re.findall(r"<li><code>(\w+)</code></li>", page.text)[0]

    first, second = Client(), Client()
    for browser in (first, second):
        sign_in(browser, "consultant")
        asked = browser.get("/admin/scoping/brief/")
        assert asked.status_code == 302
        assert asked["Location"].startswith(reverse("second_factor_verify"))
    used = first.post(reverse("second_factor_verify"), {"code": recovery, "next": "/admin/scoping/brief/"})
    reused = second.post(reverse("second_factor_verify"), {"code": recovery, "next": "/admin/scoping/brief/"})

    assert used.status_code == 302
    assert used["Location"] == "/admin/scoping/brief/"
    assert first.get("/admin/scoping/brief/").status_code == 200
    assert "That recovery code did not work: each one works once" in reused.text
    assert "30 seconds" not in reused.text, "a recovery code does not change with time"
    assert second.get("/admin/scoping/brief/").status_code == 302


def test_the_code_page_sends_nobody_to_another_site(client, consultant, required):
    sign_in(client, "consultant")
    client.get(reverse("second_factor_setup"))

    response = client.post(
        reverse("second_factor_setup"), {"code": app_code(consultant), "next": "https://evil.example/"}
    )

    assert 'href="/admin/"' in response.text
    assert "evil.example" not in response.text


def test_without_the_second_factor_a_consultant_sees_only_what_the_client_sees(client, consultant, required):
    brief = BriefFactory(consultant_note="Internal: they will haggle.")
    sign_in(client, "consultant")

    report = client.get(reverse("scoping:report", args=[brief.token])).text

    assert "they will haggle" not in report


def test_in_development_the_second_factor_is_optional_until_set_up(client, consultant, settings):
    settings.SCOPING_STAFF_SECOND_FACTOR = False
    sign_in(client, "consultant")
    assert client.get("/admin/").status_code == 200

    TOTPDevice.objects.create(user=consultant, name="Authenticator app", confirmed=True)
    other = Client()
    sign_in(other, "consultant")

    assert other.get("/admin/")["Location"].startswith(reverse("second_factor_verify"))


def test_a_session_ends_after_two_hours_without_a_request(client, consultant, settings):
    settings.SCOPING_STAFF_SECOND_FACTOR = False
    sign_in(client, "consultant")
    with time_machine.travel(timezone.now() + timedelta(minutes=110)):
        assert client.get("/admin/").status_code == 200  # in use: the two hours count again from now
    with time_machine.travel(timezone.now() + timedelta(minutes=220)):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=345)):
        assert client.get("/admin/")["Location"].startswith(LOGIN)


def test_the_demo_consultant_is_never_asked_in_development(client, settings):
    settings.SCOPING_STAFF_SECOND_FACTOR = False
    ConsultantFactory(username="demo")

    assert sign_in(client, "demo").status_code == 302
    assert client.get("/admin/").status_code == 200
