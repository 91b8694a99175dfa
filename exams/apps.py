from django.apps import AppConfig


class ExamsConfig(AppConfig):
    name = "exams"
    verbose_name = "Mock exams"

    def ready(self):
        from exams.receivers import refresh_statistics_after_exam
        from quizzes.signals import answers_recorded

        answers_recorded.connect(refresh_statistics_after_exam, dispatch_uid="exams.refresh_statistics")
