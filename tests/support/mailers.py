"""Mail backends that fail, standing in for a mail server in trouble (the one external edge). Each
fails its first ``failures`` sends (counted in ``attempts``), then delivers to the locmem outbox."""

from django.core.mail.backends.locmem import EmailBackend


class _FailingFirst(EmailBackend):
    failures = 0
    attempts = 0

    def failure(self) -> OSError:
        raise NotImplementedError

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).attempts <= type(self).failures:
            raise self.failure()
        return super().send_messages(messages)


class FlakyBackend(_FailingFirst):
    """A mail server that is down: the connection is refused, so nothing was sent."""

    def failure(self) -> OSError:
        return ConnectionRefusedError("mail server down")


class SilentBackend(_FailingFirst):
    """A mail server that takes the message and never gives its final reply: the client times out
    not knowing whether it was accepted."""

    def failure(self) -> OSError:
        return TimeoutError("timed out waiting for the final reply")
