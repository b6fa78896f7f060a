"""Memo signatures in the admin: a consultant keeps their own and signs only as themselves."""

import pytest
from django.urls import reverse

from scoping.models import ConsultantProfile
from tests.support.factories import ConsultantFactory, SuperuserFactory

pytestmark = pytest.mark.django_db
ADD = reverse("admin:scoping_consultantprofile_add")


def test_a_consultant_writes_their_own_signature(client, consultant):
    other = ConsultantFactory()
    client.force_login(consultant)

    response = client.post(ADD, {"role": "Lead consultant", "phone": "+44 1", "user": other.pk, "notices": "digest"})

    assert response.status_code == 302
    (profile,) = ConsultantProfile.objects.all()
    assert (profile.user, profile.role) == (consultant, "Lead consultant"), "never as someone else"
    assert client.get(ADD).status_code == 403, "one signature each"


def test_a_consultant_sees_only_their_own(client, consultant):
    other = ConsultantFactory()
    ConsultantProfile.objects.create(user=other, role="Other")
    mine = ConsultantProfile.objects.create(user=consultant, role="Mine")
    client.force_login(consultant)

    listing = client.get(reverse("admin:scoping_consultantprofile_changelist")).text

    assert "Mine" in listing
    assert "Other" not in listing
    theirs = reverse("admin:scoping_consultantprofile_change", args=[other.consultant_profile.pk])
    assert client.get(theirs).status_code == 302  # the admin's "does not exist" redirect
    assert client.get(reverse("admin:scoping_consultantprofile_change", args=[mine.pk])).status_code == 200


def test_a_superuser_keeps_everyones(client):
    consultant = ConsultantFactory()
    client.force_login(SuperuserFactory())

    response = client.post(ADD, {"role": "Partner", "phone": "", "user": consultant.pk, "notices": "digest"})

    assert response.status_code == 302
    assert ConsultantProfile.objects.get().user == consultant


def test_a_signature_holds_no_control_characters(client, consultant):
    client.force_login(consultant)

    response = client.post(ADD, {"role": "Lead\x07", "phone": "", "notices": "digest"})

    assert response.status_code == 200
    assert not ConsultantProfile.objects.exists()
