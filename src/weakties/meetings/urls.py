from django.urls import path

from . import views, views_new, views_sharing

app_name = "meetings"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views_new.federation_new, name="federation_new"),
    # Lending networks to the employer network: the employee's and the admin's opt-in (issue 12 §6).
    path("sharing/", views_sharing.network_sharing, name="network_sharing"),
    path("<int:pk>/", views.federation, name="federation"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/public/switch/", views.public_switch, name="public_switch"),
    # Published only when the coordinator switches it on, at an unguessable address (issue 12).
    path("public/<str:token>/", views.public_results, name="public_results"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/call/", views.send_call_now, name="send_call"),
    path("meetings/<int:pk>/ask/", views.ask, name="ask"),
    path("meetings/<int:pk>/ask/<str:token>/", views.ask_token, name="ask_token"),
    path("meetings/<int:pk>/brief/", views.brief, name="brief"),
    path("meetings/<int:pk>/brief.pdf", views.brief_pdf_view, name="brief_pdf"),
    path("meetings/<int:pk>/import/", views.import_sheet, name="import"),
    path("requests/<int:pk>/outcome/", views.outcome, name="outcome"),
    path("requests/<int:pk>/contacts/", views.contacts, name="contacts"),
    path("matches/<int:pk>/stage/", views.stage, name="stage"),
    path("contacts/<str:token>/", views.contact_answer, name="contact_answer"),
    path("organisations/<int:pk>/results/", views.organisation_results_view, name="org_results"),
]
