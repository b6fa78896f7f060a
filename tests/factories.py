import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from decisions.ladder import Facts
from scoping.models import Brief
from scoping.services import brief_submit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


class ConsultantFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def scoping_permissions(user, create, extracted, **kwargs):
        if create:
            user.user_permissions.set(Permission.objects.filter(content_type__app_label="scoping"))


class BriefFactory(factory.django.DjangoModelFactory):
    """A submitted brief, made the way production makes one: through brief_submit."""

    class Meta:
        model = Brief

    contact_name = factory.Faker("name")
    contact_email = factory.Faker("company_email")
    company = factory.Faker("company")
    project_title = factory.Faker("catch_phrase")
    project_summary = factory.Faker("paragraph")
    facts = factory.LazyFunction(Facts)

    @classmethod
    def _create(cls, model_class, *args, consultant_note="", **kwargs):
        brief = brief_submit(**kwargs)
        if consultant_note:  # written later by a consultant, never submitted by the client
            brief.consultant_note = consultant_note
            brief.save(update_fields=["consultant_note"])
        return brief
