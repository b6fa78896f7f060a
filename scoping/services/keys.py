"""The API keys' writes: made (shown once), revoked, and stamped when used.

A key reads ``si_<prefix>_<secret>``: the prefix tells keys apart in the admin and the logs, and only
the sha256 of the whole key is kept, so a copy of the database holds no working key. Each key has a
user of its own, inactive (it can never sign in), which the brief's history names as the actor of
the key's writes.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from scoping.models import ApiKey

KEY_START = "si_"
# last_used_at is written at most this often per key: a busy integration is not one UPDATE a request.
USED_STAMP_EVERY = timedelta(minutes=1)


def key_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_key_create(*, name: str, scope: ApiKey.Scope, created_by: AbstractBaseUser | None) -> tuple[ApiKey, str]:
    """A new key and the key itself, which is never shown again."""
    prefix = secrets.token_hex(4)
    raw = f"{KEY_START}{prefix}_{secrets.token_urlsafe(32)}"
    user = get_user_model().objects.create(
        username=f"api-key-{prefix}", first_name="API key:", last_name=name[:140], is_active=False
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    key = ApiKey(name=name, scope=scope, prefix=prefix, hashed=key_hash(raw), user=user, created_by=created_by)
    key.full_clean()
    key.save()
    return key, raw


def api_key_find(raw: str) -> ApiKey | None:
    """The active key ``raw`` is, else None; stamps when it was last used (at most every
    USED_STAMP_EVERY). A lookup by hash: the key itself is never compared or stored."""
    if not raw.startswith(KEY_START):
        return None
    key = ApiKey.objects.select_related("user").filter(hashed=key_hash(raw), revoked_at__isnull=True).first()
    if key is not None:
        now = timezone.now()
        if key.last_used_at is None or now - key.last_used_at >= USED_STAMP_EVERY:
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
            key.last_used_at = now
    return key


def api_key_revoke(*, key: ApiKey) -> bool:
    """Revoke ``key`` for good: every request with it gets 401 from now. False if it already was."""
    return bool(ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()))
