from django.urls import path

from quizzes.authoring.views import questions

app_name = "authoring"
urlpatterns = [
    path("questions/", questions.question_list, name="questions"),
    path("questions/bulk/", questions.bulk, name="bulk"),
]
