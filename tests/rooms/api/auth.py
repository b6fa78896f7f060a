"""How the API's tests present a key: as an integration does, in the Authorization header."""


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}
