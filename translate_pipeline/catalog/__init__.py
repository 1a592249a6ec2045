"""Gettext catalogs: entry state, templates (POT), the msgmerge-style merge, PO reading/writing, provenance."""
