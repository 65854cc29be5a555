"""Content pipeline: YAML records -> validated models -> Markdown pages for MkDocs (or Zensical)."""
