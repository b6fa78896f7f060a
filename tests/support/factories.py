import factory
from django.contrib.auth import get_user_model

from decisions.ladder import Facts
from scoping.models import Brief
from scoping.services.accounts import consultants_group_ensure
from scoping.services.intake import brief_submit

TEST_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password(TEST_PASSWORD)


class ConsultantFactory(UserFactory):
    """Staff in the Consultants group (made by a migration), as a real consultant is."""

    is_staff = True

    @factory.post_generation
    def consultants_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(consultants_group_ensure())


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


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
