"""The one way a view finds a client's brief: by its private token. No view may look one up
any other way, so none can forget the check."""

from django.http import Http404

from scoping.models import Brief


def brief_for_token(token: str, *, submitted: bool) -> Brief:
    """The brief behind a private link, or a 404 that says nothing about why.

    Unknown tokens, and drafts where a submitted brief is needed, get the same answer, so the
    response never confirms that a token exists.
    """
    briefs = Brief.objects.exclude(status=Brief.Status.DRAFT) if submitted else Brief.objects.all()
    try:
        return briefs.get(token=token)
    except Brief.DoesNotExist:
        raise Http404("No such brief") from None
