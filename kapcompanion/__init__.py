"""kapcompanion: a calm grounding companion."""

__version__ = "0.1.0"
