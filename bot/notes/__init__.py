"""Course notes: facilitators' answers to what the course leaves open."""
