from django.apps import AppConfig


class AuditLogConfig(AppConfig):
    name = "weakties.auditlog"
    label = "auditlog"
