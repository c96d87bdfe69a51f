"""The windows and screens of the app, one folder a feature.

``shell`` (the main window, home, theme, the pieces screens are built from), ``breathing``,
``exercise``, ``presentation``, ``log`` (history, sessions, ratings, the summary), ``editor`` and
``settings``. Importing this package imports no Qt; the widget modules import PySide6 themselves.
"""
