from django.contrib import admin
from django.urls import include, path

from studyapp import views

handler400 = "studyapp.views.bad_request"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("accounts.urls")),
    path("", include("topics.urls")),
    path("", include("quizzes.urls")),
    path("", include("reviews.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
