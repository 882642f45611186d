from django.contrib import admin

from .models import (
    CallDelivery,
    ContactSuggestion,
    Delegate,
    FederationInvitation,
    HelpRequest,
    Match,
    Meeting,
)


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
    list_display = ("employee", "federation", "role")
    list_filter = ("role", "federation")


@admin.register(FederationInvitation)
class FederationInvitationAdmin(admin.ModelAdmin):
    list_display = ("organisation", "federation", "status", "created_at")
    list_filter = ("status",)
    exclude = ("token",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("federation", "date", "place", "host", "call_sent_at")
    list_filter = ("federation",)


@admin.register(HelpRequest)
class HelpRequestAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "organisation", "meeting", "outcome")
    list_filter = ("kind", "outcome")
    search_fields = ("title",)


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ("supply", "demand", "score", "stage", "placed")
    list_filter = ("stage",)


admin.site.register(CallDelivery)
admin.site.register(ContactSuggestion)
