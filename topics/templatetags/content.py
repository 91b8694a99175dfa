"""Pick the learner's language from a bilingual object, falling back visibly to the other one."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from topics.markdown import render_text

register = template.Library()
OTHER = {"en": "ko", "ko": "en"}


def _value(obj, name: str):
    return obj.get(name, "") if isinstance(obj, dict) else getattr(obj, name, "")


@register.simple_tag(takes_context=True)
def tr(context, obj, field: str, html: bool = False, markdown: bool = False, language: str | None = None):
    """{% tr topic "title" %}: the field in the content language; `html=True` for sanitised HTML fields,
    `markdown=True` for short Markdown texts (question stems) rendered and sanitised here.

    A missing text shows the other language inside a marked span, never an empty space.
    """
    language = language or context.get("content_language") or get_language() or "en"
    language = language if language in OTHER else "en"
    value = _value(obj, f"{field}_{language}")
    if value and markdown:
        return mark_safe(render_text(value))
    if value:
        return mark_safe(value) if html else value
    other = OTHER[language]
    fallback = _value(obj, f"{field}_{other}")
    if not fallback:
        return ""
    marker = (
        _("Not yet translated; shown in English.")
        if other == "en"
        else _("Not yet translated; shown in Korean.")
    )
    if markdown:
        fallback, html = render_text(fallback), True
    body = mark_safe(fallback) if html else fallback
    tag = "div" if html else "span"
    return format_html('<{} class="fallback" lang="{}" title="{}">{}</{}>', tag, other, marker, body, tag)


@register.simple_tag(takes_context=True)
def text(context, value, language: str | None = None):
    """{% text requirement.need %}: a {"en": ..., "ko": ...} dict from case data, with the same fallback."""
    language = language or context.get("content_language") or get_language() or "en"
    if not isinstance(value, dict):
        return value or ""
    wrapped = {f"t_{code}": value.get(code, "") for code in OTHER}
    return tr(context, wrapped, "t", language=language)
