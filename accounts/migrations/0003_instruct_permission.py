"""The instructor role: the `accounts.instruct` permission, held by the instructors group."""

from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(app_label="accounts", model="profile")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename="instruct", defaults={"name": "Can author questions and teach classes"}
    )
    group, _created = Group.objects.get_or_create(name="instructors")
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="accounts", codename="instruct").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_instructors_group"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="profile",
            options={"permissions": [("instruct", "Can author questions and teach classes")]},
        ),
        migrations.RunPython(grant, revoke),
    ]
