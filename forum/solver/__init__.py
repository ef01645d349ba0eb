"""The meeting and pitch scheduler: solve(), the solver-free validator and the quality figures."""

from forum.solver.params import Progress, SolveParams, SolveResult, Weights
from forum.solver.quality import quality
from forum.solver.solve import solve
from forum.solver.validate import Violation, validate

__all__ = ["Progress", "SolveParams", "SolveResult", "Violation", "Weights", "quality", "solve", "validate"]
