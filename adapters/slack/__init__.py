"""The Slack adapter: slack-bolt AsyncApp over HTTP or Socket Mode, Block Kit replies,
App Home, OAuth installs for many workspaces, and SlackPoster for scheduled posts."""
