"""The instructors' pages (URLs under /authoring/), one module per job; every view is instructor_required."""
