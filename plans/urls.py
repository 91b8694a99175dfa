from django.urls import path

from plans.views import data, plan

app_name = "plans"
urlpatterns = [
    path("plan/", plan.plan, name="plan"),
    path("plan/edit/", plan.edit, name="edit"),
    path("my-data/", data.my_data, name="data"),
    path("my-data/study-data.zip", data.export_csv, name="export-csv"),
    path("my-data/cards.apkg", data.export_anki, name="export-anki"),
    path("my-data/delete-account/", data.delete_account, name="delete-account"),
]
