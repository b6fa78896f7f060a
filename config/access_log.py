"""gunicorn's access log, with the clients' private links masked: a token in a path, a query or a
Referer is a client's only credential to their brief, and logs travel further than the database
(Dockerfile and docker-compose.yml run gunicorn with ``--logger-class config.access_log.AccessLog``)."""

import re

from gunicorn.glogging import Logger

from scoping.tokens import TOKEN_PATTERN

_PRIVATE_LINK = re.compile(rf"(/brief/){TOKEN_PATTERN}")


def masked(text: str) -> str:
    """``text`` with every private link's token replaced: /brief/[token]/report/."""
    return _PRIVATE_LINK.sub(r"\1[token]", text)


class AccessLog(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: masked(value) if isinstance(value, str) else value for name, value in atoms.items()}
