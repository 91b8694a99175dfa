from django.urls import path

from quizzes import views

app_name = "quizzes"
urlpatterns = [
    path("practice/", views.practice_home, name="practice-home"),
    path("practice/start/", views.practice_start, name="practice-start"),
    path("practice/<uuid:code>/", views.practice_quiz, name="practice-quiz"),
    path("practice/<uuid:code>/summary/", views.practice_summary, name="practice-summary"),
    path("practice/<uuid:code>/<int:position>/", views.practice_item, name="practice-item"),
    path("questions/<uuid:code>/report/", views.problem_report, name="report-problem"),
]
