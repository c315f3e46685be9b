"""Admin pieces shared by the apps."""


class HanyaBacaMixin:
    """An admin page that shows records and never adds, changes or deletes them (evidence
    such as the privacy log, or records whose workflow lives in the app's own pages)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
