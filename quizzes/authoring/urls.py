from django.urls import path

from quizzes.authoring.views import editor, questions, reports, transfer

app_name = "authoring"
urlpatterns = [
    path("questions/", questions.question_list, name="questions"),
    path("questions/bulk/", questions.bulk, name="bulk"),
    path("questions/new/", editor.question_new, name="question-new"),
    path("questions/<uuid:code>/", editor.question_edit, name="question-edit"),
    path("questions/<uuid:code>/preview/", editor.question_preview, name="question-preview"),
    path("questions/<uuid:code>/history/", editor.question_history, name="question-history"),
    path("import/", transfer.import_questions, name="import"),
    path("export/", transfer.export, name="export"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/<uuid:code>/resolve/", reports.report_resolve, name="report-resolve"),
]
