from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from studyapp import views

handler400 = "studyapp.views.bad_request"
handler500 = "studyapp.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("accounts.urls")),
    path("", include("topics.urls")),
    path("", include("quizzes.urls")),
    path("", include("exams.urls")),
    path("authoring/", include("quizzes.authoring.urls")),
    path("", include("reviews.urls")),
    path("", include("plans.urls")),
    path("", include("classes.urls")),
    path("accounts/", include("allauth.urls")),
    # Before the admin's own URLs: its sign-in goes through allauth's rate-limited one.
    path("admin/login/", views.admin_login),
    path("admin/", admin.site.urls),
]

if settings.BENCH_BASELINE:  # the load benchmarks' yardstick, never mounted by default
    urlpatterns.append(path("bench/baseline/", views.bench_baseline, name="bench-baseline"))
