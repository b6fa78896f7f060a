"""Every write to a brief, its history, its memo and its emails is a function in this package: views,
admin classes, tasks, commands and template tags only coordinate (tests/core/test_architecture.py proves
it). One module for each thing a write changes:

- ``intake``: the client's draft, its steps and its submission;
- ``review``: the consultants' moves, edits, notes, erasure and deadline nudges;
- ``memo``: freezing, sending, storing the PDF, counting readings, unread reminders;
- ``mail``: the outbox (owing, sending and re-sending emails);
- ``accounts``: the consultants' second factor and memo signature;
- ``history``: the brief's record of events and the one function that moves its status.

``brief_submit`` is the integration entry point, importable from here.
"""

from scoping.services.intake import brief_submit

__all__ = ["brief_submit"]
