"""The integration journal and the body map: the person's own words between sessions, and where
in the body something is felt."""
