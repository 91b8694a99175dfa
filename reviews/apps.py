from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Spaced repetition"

    def ready(self):
        from quizzes.signals import answers_recorded
        from reviews.receivers import review_recorded_answers

        answers_recorded.connect(review_recorded_answers, dispatch_uid="reviews.review_recorded_answers")
