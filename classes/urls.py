from django.urls import path

from classes import views

app_name = "classes"
urlpatterns = [
    path("classes/", views.index, name="index"),
    path("classes/new/", views.create, name="create"),
    path("classes/join/<str:join_code>/", views.join, name="join"),
    path("classes/<uuid:code>/", views.detail, name="detail"),
    path("classes/<uuid:code>/edit/", views.edit, name="edit"),
    path("classes/<uuid:code>/join-link/", views.regenerate_code, name="regenerate-code"),
    path("classes/<uuid:code>/members/<uuid:member>/", views.member, name="member"),
    path("classes/<uuid:code>/members/<uuid:member>/remove/", views.remove_member, name="remove-member"),
    path("classes/<uuid:code>/assignments/new/", views.assignment_create, name="assignment-create"),
    path("classes/<uuid:code>/assignments/<uuid:assignment>/", views.assignment, name="assignment"),
    path(
        "classes/<uuid:code>/assignments/<uuid:assignment>/start/",
        views.assignment_start,
        name="assignment-start",
    ),
    path("classes/<uuid:code>/me/", views.membership, name="membership"),
    path("classes/<uuid:code>/leave/", views.leave, name="leave"),
]
