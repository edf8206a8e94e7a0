"""Which week a learner is in, and that week's material."""
