"""A group's scheduled posts: weekly reminders and facilitators' discussion prompts."""
