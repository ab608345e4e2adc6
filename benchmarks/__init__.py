"""Benchmarks of blueprint_render; run with `.venv/bin/python -m benchmarks`."""
