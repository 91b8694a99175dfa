from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_instruct_permission")]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="esl_accommodation",
            field=models.BooleanField(
                default=False,
                help_text="English as a second language: mock exams start with 30 more minutes",
                verbose_name="ESL accommodation",
            ),
        ),
    ]
