"""Publishing reviewed articles: review gate, assembly, HTML/Markdown/text/JSON editions,
Kazakh Latin, MO compilation and MT post-editing evaluation."""
