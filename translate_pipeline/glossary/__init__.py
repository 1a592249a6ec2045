"""Term glossary: a curated term base and inflection-aware matching of its terms.

Integration points: :func:`load_glossary` (project term base),
:meth:`Glossary.terms_note` (``Terms`` annotation for any PO entry); MT that obeys
the glossary is :func:`translate_pipeline.pretranslate.enforce.enforce`.
"""
from translate_pipeline.glossary.api import Glossary, load_glossary

__all__ = ["Glossary", "load_glossary"]
