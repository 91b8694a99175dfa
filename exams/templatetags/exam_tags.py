from django import template

register = template.Library()


@register.filter
def clock(seconds) -> str:
    """Seconds as H:MM:SS (the countdown's text before exam.js takes over, and without JavaScript)."""
    seconds = max(0, int(seconds or 0))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
