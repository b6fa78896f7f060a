"""What a client's private token looks like, apart from Django, for whatever must recognise one
before the app is loaded (gunicorn's access log, config/logs.py)."""

# What new_token() makes (URL-safe base64); URLs accept nothing else, so no stray byte reaches a query.
TOKEN_PATTERN = r"[A-Za-z0-9_-]{16,64}"  # noqa: S105 (a pattern, not a secret)
# Where a token stands in an address: /brief/<token>/… (scoping/urls.py), the token in its own group.
PRIVATE_LINK_PATTERN = rf"/brief/(?P<token>{TOKEN_PATTERN})"
