from django.urls import path

from topics import views

app_name = "topics"
urlpatterns = [
    path("topics/", views.topic_index, name="index"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("topics/<slug:slug>/studied/", views.topic_studied, name="topic-studied"),
    path("cases/", views.case_index, name="case-index"),
    path("cases/<slug:slug>/", views.case_detail, name="case-detail"),
    path("cases/<slug:slug>/diagram.svg", views.case_diagram, name="case-diagram"),
    path("glossary/", views.glossary, name="glossary"),
    path("facts/", views.fact_index, name="facts"),
    path("search/", views.search, name="search"),
]
