"""The built-in checks; importing this package registers them all."""
from translate_pipeline.review.qa.checks import (  # noqa: F401
    glossary,
    links,
    markup,
    numbers,
    punctuation,
    script,
    sentences,
    symbols,
    text,
)
