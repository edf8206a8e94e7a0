"""The one way a platform adapter says it cannot go on, for `studybot serve` to report."""


class PlatformStopped(Exception):
    """A platform could not start or keep running (bad token, refused intent); one line to show."""
