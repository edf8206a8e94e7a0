"""Pictures the core draws itself (PNG bytes), for any platform to upload."""
