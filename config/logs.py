"""What the logs write: never a client's private link. A token in a path, a query or a Referer is a
client's only credential to their brief, and logs travel further than the database. Django's own
log (a 404 or a 405 names its path) is filtered through the settings' LOGGING; gunicorn's access and
error logs through ``AccessLog`` (Dockerfile and docker-compose.yml run gunicorn with
``--logger-class config.logs.AccessLog``)."""

import logging
import re

from gunicorn.glogging import Logger

from scoping.tokens import PRIVATE_LINK_PATTERN

_PRIVATE_LINK = re.compile(PRIVATE_LINK_PATTERN)


def masked(text: str) -> str:
    """``text`` with every private link's token replaced: /brief/[token]/report/."""
    return _PRIVATE_LINK.sub(lambda link: link.group(0).replace(link["token"], "[token]"), text)


class MaskPrivateLinks(logging.Filter):
    """A record whose message names a private link is written with its token masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        if _PRIVATE_LINK.search(message):
            record.msg, record.args = masked(message), None
        return True


class AccessLog(Logger):
    """gunicorn's logger: every value an access-log format may name is masked, and so is the error
    log (a worker timed out while rendering a memo's PDF names the request)."""

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.addFilter(MaskPrivateLinks())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: masked(value) if isinstance(value, str) else value for name, value in atoms.items()}
