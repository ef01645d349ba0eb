"""The search for a schedule (OR-Tools): solve() and what it takes and gives back.

solve() runs a decomposition, each phase under one deadline (`cpsat.Clock`) and the caller's should_stop:
pitches (small CP-SAT model, `pitches`); which wishes to meet (b-matching LP with GLOP, whose optimum is
the proven `bound`, `selection`); slots for them, fixed and published meetings first, least flexible next,
with one-step repairs (`slotting`), which make the first complete schedule, reported at once (phase
FIRST_SCHEDULE); a refill pass and a fairness pass that serves starving requesters (`fairness`); idle gaps
closed by annealing with Kempe-chain swaps inside each day, one day in this process and another in a forked
helper at once (`anneal`, `parallel`), with single moves to any day between rounds (`compact`), until they
stop shrinking (`settle`) — moves and swaps (`compact`) where meeting slots overlap; CP-SAT neighbourhoods
around one attendee and one day when value or fairness fall short (`improve`, `model`); tables (`tables`);
reasons for wishes left out (`explain`); and always the pure checker's validator and figures
(`forum.checker`), which define the rules the search works to.
"""

from forum.solver.params import FIRST_SCHEDULE, Progress, SolveParams, SolveResult, Weights
from forum.solver.solve import solve

__all__ = ["FIRST_SCHEDULE", "Progress", "SolveParams", "SolveResult", "Weights", "solve"]
