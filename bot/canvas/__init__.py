"""A learner's project canvas: its blocks, the coach's guidance, the picture and the export."""
