"""Review of translated catalogs: QA checks and progress statistics."""
