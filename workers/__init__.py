"""RQ job functions and the worker entry point (thin: ids in, services out)."""
