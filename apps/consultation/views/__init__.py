"""Pages of the consultation part: the meetings and their record (``meetings``), the work programmes, objectives and
activities (``objectives``)."""
