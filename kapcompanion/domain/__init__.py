"""Pure domain logic: no Qt, no audio, no storage. Everything here is tested without a GUI."""
