"""Help: the person's own contacts and the lines for their region, one key (F1) from anywhere."""
