from django.contrib import admin

from exams.models import Attempt, Blueprint


@admin.register(Blueprint)
class BlueprintAdmin(admin.ModelAdmin):
    list_display = [
        "slug",
        "title_en",
        "exam",
        "official",
        "questions",
        "minutes",
        "pass_scaled",
        "is_active",
    ]
    list_filter = ["official", "is_active", "exam"]
    readonly_fields = ["official", "created_at"]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["code", "user", "blueprint", "started_at", "submitted_at", "ended_by", "scaled", "passed"]
    list_filter = ["blueprint", "ended_by", "passed"]
    # Attempts are the learners' records: read here, written only by exams.services.
    readonly_fields = [field.name for field in Attempt._meta.fields]

    def has_add_permission(self, request):
        return False
