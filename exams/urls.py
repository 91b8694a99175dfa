from django.urls import path

from exams.views import home, instructor, results, sitting

app_name = "exams"
urlpatterns = [
    path("exams/", home.home, name="home"),
    path("exams/start/", home.start, name="start"),
    path("exams/history/", home.history, name="history"),
    path("exams/<uuid:code>/", sitting.attempt, name="attempt"),
    path("exams/<uuid:code>/<int:position>/", sitting.question, name="question"),
    path("exams/<uuid:code>/<int:position>/answer/", sitting.answer, name="answer"),
    path("exams/<uuid:code>/summary/", sitting.summary, name="summary"),
    path("exams/<uuid:code>/submit/", sitting.submit, name="submit"),
    path("exams/<uuid:code>/result/", results.result, name="result"),
    path("exams/<uuid:code>/review/", results.review, name="review"),
    path("exams/<uuid:code>/retake/", results.retake, name="retake"),
    # Instructors (accounts.roles.instructor_required), next to the question bank's authoring pages.
    path("authoring/blueprints/", instructor.blueprint_list, name="blueprints"),
    path("authoring/blueprints/new/", instructor.blueprint_new, name="blueprint-new"),
    path("authoring/blueprints/<slug:slug>/", instructor.blueprint_edit, name="blueprint-edit"),
    path("authoring/statistics/", instructor.statistics_overview, name="statistics"),
    path("authoring/statistics/refresh/", instructor.statistics_refresh, name="statistics-refresh"),
    path("authoring/statistics/<uuid:code>/", instructor.question_statistics, name="question-statistics"),
]
