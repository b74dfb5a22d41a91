"""The reader's language: locale choice, catalogs, numbers through Babel, translations inside templates."""
