"""Helpers for the brief form's tests: a valid answer for every step, and a client that fills them."""

import re

from django.test import Client
from django.urls import reverse

from scoping.models import Brief

ABOUT = {"contact_name": "Grace Hopper", "contact_email": "grace@example.com", "company": "Navy Labs"}
PROJECT = {
    "project_title": "Answers for our support team",
    "project_summary": "Answer customer questions from our manuals.",
    "monthly_queries": "20000",
    "budget_high": "100k",
    "budget_low": "50,000",
    "budget_currency": "EUR",
}
KNOWLEDGE = {
    "task": "answer",
    "needs_knowledge": "yes",
    "shown-needs_knowledge": "1",
    "corpus_documents": "40",
    "corpus_tokens": "100",
    "update_frequency": "static",
    "needs_citations": "no",
    "multi_tenant": "no",
    "shared_base_many_use_cases": "no",
    "needs_audit_log": "no",
}
BEHAVIOUR = {
    "strict_output_format": "no",
    "latency_or_cost_critical": "no",
    "specialized_vocabulary": "no",
    "personal_data": "no",
    "human_review": "no",
    "fine_tune_goal": "none",
}
STATUS = {"has_eval_set": "no", "prompting_status": "not_tried", "rag_status": "not_tried"}
ANSWERS = {"project": PROJECT, "knowledge": KNOWLEDGE, "behaviour": BEHAVIOUR, "where-you-are": STATUS}


def stamp(client: Client) -> str:
    """The fill-time stamp a blank first page gives this client's browser (bound to its CSRF cookie)."""
    page = client.get(reverse("scoping:brief_new") + "?another=1", follow=True).content.decode()
    return re.search(r'name="started" value="([^"]+)"', page).group(1)


def start(client: Client, **about: str) -> Brief:
    """Send the first step (with a fill-time stamp of its own) and return the new draft."""
    response = client.post(reverse("scoping:brief_new"), {**ABOUT, **about, "started": stamp(client)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Brief.objects.latest("created_at")


def step_url(brief: Brief, slug: str) -> str:
    return reverse("scoping:brief_step", args=[brief.token, slug])


def fill(client: Client, brief: Brief, up_to: str = "where-you-are", **overrides: dict[str, str]) -> Brief:
    """Send each step after the first, through ``up_to``; ``overrides`` replace a step's answers."""
    for slug, answers in ANSWERS.items():
        response = client.post(step_url(brief, slug), overrides.get(slug.replace("-", "_"), answers))
        assert response.status_code == 302, response.content.decode()[:3000]
        if slug == up_to:
            break
    brief.refresh_from_db()
    return brief
