"""`python -m translate_pipeline` runs the CLI."""
from translate_pipeline.cli import main

main()
