"""Retrieval practice: quizzes from the course, spaced reviews, nudges and the group report."""
