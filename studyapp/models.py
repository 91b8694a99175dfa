"""No models: the module exists so that post_migrate reaches StudyappConfig (see apps.py)."""
