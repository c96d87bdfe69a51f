"""The windows and screens of the app.

Importing this package imports no Qt: :mod:`kapcompanion.ui.breathing_config` and
:mod:`kapcompanion.ui.dirty` are plain Python, so the command line can check its arguments before
Qt is loaded. The widget modules import PySide6 themselves.
"""
