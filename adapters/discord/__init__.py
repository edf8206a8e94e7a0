"""The Discord adapter: discord.py client, /study commands, embed renderer, poster."""
