"""aftale: the documents of the Danish styringsdialog, from YAML kept in git."""

__version__ = "0.1.0"
