"""Term glossary: a curated term base, inflection-aware matching, and MT enforcement.

Integration points: :func:`load_glossary` (project term base),
:meth:`Glossary.terms_note` (``Terms`` annotation for any PO entry) and
:func:`translate_pipeline.pretranslate.enforce.enforce` (MT that obeys the glossary).
"""
from translate_pipeline.glossary.api import Glossary, GlossarySettings, glossary_settings, load_glossary

__all__ = ["Glossary", "GlossarySettings", "glossary_settings", "load_glossary"]
