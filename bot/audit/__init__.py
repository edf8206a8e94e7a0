"""The group's audit log: who changed what in a group's setup, and `group audit` to read it."""
