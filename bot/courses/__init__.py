"""Which course a message is about: the resolver, a learner's own choice, and `course`."""
