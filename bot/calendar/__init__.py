"""A group's calendar: `calendar` in chat, and the iCalendar feed of its posts and live sessions."""
