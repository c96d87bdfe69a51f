"""ui/practice: what the practice screens (breathing, exercise) share."""
