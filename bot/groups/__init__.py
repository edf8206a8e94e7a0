"""Study groups: setting one up, membership, facilitator roles, the group's ping and course."""
