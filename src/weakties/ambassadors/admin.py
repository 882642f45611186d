"""The ambassadors app in Django's admin site (superusers): targets, campaigns, material.

Organisation admins keep their targets and material on the app's own pages
(``/ambassadors/targets/``, ``/ambassadors/material/``); this is the operator's view.
Tokens are never stored, so there is nothing secret to hide here.
"""

from django.contrib import admin

from .models import Campaign, Decline, Invitation, Post, Share, Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "organisation", "created_at")
    list_filter = ("kind", "organisation")
    search_fields = ("name", "key")
    readonly_fields = ("key",)

    def save_model(self, request, obj, form, change):
        # Imported here: django.setup() loads every admin module, and ``weakties.resolve``
        # (rapidfuzz included) is not needed until a target is saved (issue 11).
        from weakties.resolve import company_key

        from .sectors import sector_key

        obj.key = (
            (sector_key(obj.name) or obj.name)
            if obj.kind == Target.Kind.SECTOR
            else company_key(obj.name)
        )
        super().save_model(request, obj, form, change)


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = (
        "employee",
        "sent_at",
        "opened_at",
        "consented_at",
        "declined_at",
        "reminded_at",
        "refused_at",
    )
    readonly_fields = fields
    can_delete = False


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = (
        "organisation",
        "scope",
        "department",
        "created_at",
        "reminder_sent_at",
        "send_error",
    )
    list_filter = ("organisation", "scope")
    readonly_fields = ("created_at", "reminder_sent_at", "send_error", "send_attempts")
    inlines = [InvitationInline]


@admin.register(Decline)
class DeclineAdmin(admin.ModelAdmin):
    list_display = ("employee", "declined_at")
    readonly_fields = ("employee", "declined_at", "reason", "invitation")


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("title_nl", "organisation", "published_at", "archived_at")
    list_filter = ("organisation",)
    search_fields = ("title_nl", "title_en")


@admin.register(Share)
class ShareAdmin(admin.ModelAdmin):
    list_display = ("post", "employee", "shared_at")
