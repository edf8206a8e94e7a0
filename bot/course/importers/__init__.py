"""Importers: each reads one source format into a `CourseDraft`; `merge` writes it into a pack."""
