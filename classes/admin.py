from django.contrib import admin

from classes.models import Assignment, Classroom, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ["name", "exam", "exam_date", "instructor"]
    search_fields = ["name", "instructor__email"]
    raw_id_fields = ["instructor"]
    inlines = [MembershipInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["title_en", "classroom", "kind", "due_on"]
    raw_id_fields = ["classroom"]
