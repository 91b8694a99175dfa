from django import template
from django.apps import apps

register = template.Library()


@register.simple_tag(takes_context=True)
def include_if_installed(context, app_name: str, template_name: str) -> str:
    """{% include_if_installed "reviews" "reviews/includes/answer_rating.html" %}: render a template of an
    app above quizzes, with this page's context, only when that app is installed.

    Imports run one way (reviews -> quizzes), so the practice page cannot call spaced repetition; this
    hook lets reviews add its Hard / Good / Easy choice under the feedback in the same response (no
    extra round trip, and it works without JavaScript), while quizzes runs on its own without it.
    """
    if not apps.is_installed(app_name):
        return ""
    return context.template.engine.get_template(template_name).render(context)
