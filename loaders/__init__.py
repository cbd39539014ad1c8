"""Loaders: reading government documents into graph records.

``load_file(path)`` reads a file, picks the loader for its kind and returns
one :class:`graph.records.DocumentGraph` per document in it.
"""
from .base import LOADERS, DocBuilder, Loader, detect, load_file, load_source, register

__all__ = ["LOADERS", "DocBuilder", "Loader", "detect", "load_file", "load_source", "register"]
