from django.urls import path

from reviews.views import progress, session, settings

app_name = "reviews"
urlpatterns = [
    path("reviews/", session.session, name="session"),
    path("reviews/cards/<uuid:code>/", session.card, name="card"),
    path("reviews/cards/<uuid:code>/restore/", session.restore, name="restore"),
    path("reviews/new/<uuid:code>/", session.new, name="new"),
    path("reviews/reviewed/<uuid:code>/", session.reviewed, name="reviewed"),
    path("reviews/reviewed/<uuid:code>/rating/", session.rate, name="rate"),
    path("reviews/undo/", session.undo, name="undo"),
    path(
        "reviews/practice/<uuid:code>/<int:position>/rating/", session.practice_rating, name="practice-rating"
    ),
    path("reviews/progress/", progress.progress, name="progress"),
    path("reviews/export.csv", progress.export, name="export"),
    path("reviews/settings/", settings.review_settings, name="settings"),
    path("reviews/settings/optimise/", settings.optimise, name="optimise"),
]
