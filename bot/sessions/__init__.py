"""A group's live sessions: scheduling, announcements and RSVPs."""
