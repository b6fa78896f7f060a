"""The workspace's records, a module for each part: the brief and the words of its answers and
statuses (brief), its history (history), the emails it promised (outbox), the team (team), the loop
with the client (client_loop) and the connections to other systems (integrations). Django finds them
here, and the rest of the code imports them from here."""

from scoping.models.brief import Brief as Brief
from scoping.models.brief import new_token as new_token  # named by migration 0001
from scoping.models.client_loop import ClientQuestion as ClientQuestion
from scoping.models.client_loop import ScopeAcceptance as ScopeAcceptance
from scoping.models.client_loop import SentMemo as SentMemo
from scoping.models.history import BriefEvent as BriefEvent
from scoping.models.history import ErasureRecord as ErasureRecord
from scoping.models.integrations import ApiKey as ApiKey
from scoping.models.integrations import WebhookAttempt as WebhookAttempt
from scoping.models.integrations import WebhookDelivery as WebhookDelivery
from scoping.models.integrations import WebhookEndpoint as WebhookEndpoint
from scoping.models.integrations import WebhookEvent as WebhookEvent
from scoping.models.outbox import OutgoingEmail as OutgoingEmail
from scoping.models.team import ConsultantProfile as ConsultantProfile
from scoping.models.team import Notice as Notice
