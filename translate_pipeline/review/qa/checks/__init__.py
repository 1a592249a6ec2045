"""The built-in checks; importing this package registers them all."""
from translate_pipeline.review.qa.checks import glossary, links, numbers, punctuation, script, sentences, text  # noqa: F401
