"""A learner's ideas notes, kept per course."""
