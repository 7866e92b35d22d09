"""The knowledge base's rule files (YAML data, no code); shipped as package data."""
