"""Solver runs: start, cancel, the job itself, progress, repairs, comparing and publishing."""
