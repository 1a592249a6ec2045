"""Pre-translation: suggestions from the TM and from glossary-steered MT, written into catalogs."""
from translate_pipeline.pretranslate.base import (
    LangReport,
    SuggestionSource,
    apply_suggestion,
    pretranslate,
)
from translate_pipeline.pretranslate.suggestion import Suggestion

__all__ = ["LangReport", "Suggestion", "SuggestionSource", "apply_suggestion", "pretranslate"]
