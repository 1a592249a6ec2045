"""Shared ground every stage stands on: errors, language codes, the one settings schema, project paths and lock, file writes, script tables."""
