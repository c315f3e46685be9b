"""Pure helpers with no models, importable by every app (architecture.md, "Apps")."""
