from django.db import migrations, models

# The kind of use case the project step asked, as the main job the engine now reads. A brief whose
# client said the main job was pulling structured fields out of documents keeps that meaning.
TASK_OF_USE_CASE = {
    "support": "answer",
    "knowledge_search": "answer",
    "extraction": "extract",
    "classification": "process",
    "generation": "write",
    "agent": "act",
}


def tasks_from_old_answers(apps, schema_editor):
    Brief = apps.get_model("scoping", "Brief")
    for brief in Brief.objects.only("pk", "use_case", "structured_extraction", "needs_knowledge").iterator():
        if brief.structured_extraction:
            task = "extract"
        elif brief.use_case in TASK_OF_USE_CASE:
            task = TASK_OF_USE_CASE[brief.use_case]
        else:  # "something else", or not said: a body of knowledge said the job is to answer from it
            task = "answer" if brief.needs_knowledge else "write"
        Brief.objects.filter(pk=brief.pk).update(task=task)


def old_answers_from_tasks(apps, schema_editor):
    Brief = apps.get_model("scoping", "Brief")
    use_case = {"answer": "knowledge_search", "extract": "extraction", "process": "classification",
                "write": "generation", "act": "agent", "converse": "other"}  # fmt: skip
    for brief in Brief.objects.only("pk", "task").iterator():
        Brief.objects.filter(pk=brief.pk).update(
            use_case=use_case[brief.task], structured_extraction=brief.task == "extract"
        )


class Migration(migrations.Migration):
    """What the system does, asked first: its main job (which the extraction answer and the kind of use
    case fold into) and the size of one input; "private knowledge" becomes knowledge to look things
    up in, the client's or published. Old briefs keep their meaning: the same answers, read the same way."""

    dependencies = [("scoping", "0022_engine_approach")]

    operations = [
        migrations.RenameField("brief", "needs_private_knowledge", "needs_knowledge"),
        migrations.AlterField(
            "brief",
            "needs_knowledge",
            models.BooleanField("looks things up in a body of knowledge", default=False),
        ),
        migrations.AddField(
            "brief",
            "task",
            models.CharField(
                "main job",
                max_length=16,
                default="answer",
                choices=[
                    ("answer", "Answer questions from a body of knowledge"),
                    ("extract", "Pull structured fields out of each document or record it is given"),
                    ("process", "Classify, summarise or check each document or record it is given"),
                    ("write", "Write or transform text: drafts, reports, translations"),
                    ("act", "Carry out tasks on live systems through tools"),
                    ("converse", "Hold a conversation, such as intake or coaching"),
                ],
            ),
        ),
        migrations.AddField(
            "brief",
            "input_tokens",
            models.PositiveIntegerField("one input document, in tokens", null=True, blank=True),
        ),
        migrations.RunPython(tasks_from_old_answers, old_answers_from_tasks),
        migrations.RemoveField("brief", "structured_extraction"),
        migrations.RemoveField("brief", "use_case"),
    ]
