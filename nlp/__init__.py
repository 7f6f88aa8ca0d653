"""The resume pipeline: bytes in, plain dataclasses out. Imports nothing from ``recruit``."""

__version__ = "0.4.0"
