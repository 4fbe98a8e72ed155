"""The phi family: log stores that may see PHI find and mask it (164.514(b))."""
