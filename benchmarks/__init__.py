"""Benchmarks of the solver against the first-come baseline; not timed tests."""
