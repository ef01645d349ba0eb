"""The published schedule as organizers see and change it: overview, hand changes, left-out report."""
