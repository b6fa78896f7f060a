"""Mail backends that fail, standing in for a mail server that is down (the one external edge)."""

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """Refuses the first ``FlakyBackend.failures`` messages, then delivers to the locmem outbox."""

    failures = 0
    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).attempts <= type(self).failures:
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)


class SilentBackend(EmailBackend):
    """A mail server that takes the message and never gives its final reply: the client times out
    not knowing whether it was accepted. Times out ``SilentBackend.timeouts`` times, then delivers."""

    timeouts = 0
    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).attempts <= type(self).timeouts:
            raise TimeoutError("timed out waiting for the final reply")
        return super().send_messages(messages)
