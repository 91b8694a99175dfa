from django import template
from django.apps import apps

register = template.Library()


@register.simple_tag(takes_context=True)
def include_if_installed(context, app_name: str, template_name: str) -> str:
    """{% include_if_installed "reviews" "reviews/includes/answer_rating.html" %}: render a template of an
    app above quizzes, with this page's context, only when that app is installed.

    Imports run one way (reviews -> quizzes), so the practice page cannot call spaced repetition. This
    hook lets reviews put its Hard / Good / Easy choice under the feedback; what it includes is a slot
    that loads the choice from a reviews URL (htmx, or a plain link without JavaScript), so the
    practice page costs not one query more and quizzes runs on its own without reviews.
    """
    if not apps.is_installed(app_name):
        return ""
    return context.template.engine.get_template(template_name).render(context)


@register.simple_tag
def report_kinds():
    """The kinds of problem a learner can report, for the report form on question pages."""
    from quizzes.models import ProblemReport

    return ProblemReport.Kind.choices
