"""The benchmark and load harness of ``make bench`` (issue 6); see run.py."""
