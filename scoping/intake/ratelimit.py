"""The brief form's rate limits live in the core (scoping.ratelimit), which the API counts with too;
this name stays for what already points here (django-axes' setting, the intake's views)."""

from scoping.ratelimit import allow, client_address

__all__ = ["allow", "client_address"]
