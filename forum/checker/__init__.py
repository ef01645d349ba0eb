"""The solver-free schedule checker: the festival's rules, validation, quality figures, who is busy when.

It imports only the domain, so web processes and services can check a schedule without loading OR-Tools;
the search (`forum.solver`) uses the same definitions.
"""

from forum.checker.figures import quality
from forum.checker.validate import Violation, validate

__all__ = ["Violation", "quality", "validate"]
