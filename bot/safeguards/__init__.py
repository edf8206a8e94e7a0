"""Learners' data rights (`privacy`) and the guards against floods of commands and prompts."""
