from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.languages import content_language, other_language
from topics import letters
from topics import search as topic_search
from topics.models import (
    Case,
    Fact,
    FactGroup,
    GlossaryTerm,
    Service,
    StudiedTopic,
    TaskStatement,
    Topic,
    TopicDomain,
)


def topic_index(request):
    """Topics of one exam by domain and task statement (or one task statement), with the learner's progress."""
    every_task = list(TaskStatement.objects.select_related("domain__exam").order_by("domain__number", "code"))
    codes = sorted({t.domain.exam.code for t in every_task})
    exam_code = request.GET.get("exam") or (codes[0] if codes else "")
    if codes and exam_code not in codes:
        raise BadRequest(_("Unknown exam."))
    tasks = {t.pk: t for t in every_task if t.domain.exam.code == exam_code}
    chosen = request.GET.get("task", "")
    if chosen and chosen not in {t.code for t in tasks.values()}:
        raise BadRequest(_("Unknown task statement."))
    domains = {}
    for task in tasks.values():
        domain = domains.get(task.domain_id)
        if domain is None:
            domain = domains[task.domain_id] = task.domain
            domain.task_list, domain.other_topics = [], []
        domain.task_list.append(task)
        task.topic_list = []
    scores = task_scores(request.user, tasks) if request.user.is_authenticated else {}
    for task in tasks.values():
        task.right, task.answered = scores.get(task.pk, (0, 0))
    mapped: set[int] = set()
    links = _with_studied(Topic.tasks.through.objects.filter(taskstatement__in=tasks), request.user)
    for link in links.select_related("topic").defer(*_heavy_topic_fields("topic__")).order_by("topic__order"):
        link.topic.is_studied = link.is_studied
        tasks[link.taskstatement_id].topic_list.append(link.topic)
        mapped.add(link.topic_id)
    # Notes written before task statements existed sit under their domain until they name theirs.
    placements = _with_studied(
        TopicDomain.objects.filter(domain__in=domains).exclude(topic__in=mapped), request.user
    )
    for placement in (
        placements.select_related("topic").defer(*_heavy_topic_fields("topic__")).order_by("topic__order")
    ):
        placement.topic.is_studied = placement.is_studied
        domains[placement.domain_id].other_topics.append(placement.topic)
    for domain in domains.values():
        if chosen:
            domain.task_list = [t for t in domain.task_list if t.code == chosen]
            domain.other_topics = []
        for task in domain.task_list:
            task.studied_count = sum(1 for topic in task.topic_list if topic.is_studied)
    exam = next(iter(domains.values())).exam if domains else None
    return render(
        request,
        "topics/index.html",
        {
            "codes": codes,
            "exam": exam,
            "domains": [d for d in domains.values() if d.task_list or d.other_topics],
            "all_tasks": list(tasks.values()),
            "chosen": chosen,
            "content_language": content_language(request),
            "signed_in": request.user.is_authenticated,
        },
    )


def _with_studied(links, user):
    """Annotate `is_studied` on rows that point at a topic, for this learner, in the same query."""
    if not user.is_authenticated:
        return links.annotate(is_studied=Value(False))
    return links.annotate(
        is_studied=Exists(StudiedTopic.objects.filter(user=user, topic=OuterRef("topic_id")))
    )


def task_scores(user, tasks) -> dict[int, tuple[int, int]]:
    """Per task statement: how many of the learner's answers to its questions were right, of how many.

    The answers are read through the relation the question bank attaches to task statements
    (`questions__answers`); topics never imports the bank."""
    counts = (
        TaskStatement.objects.filter(pk__in=list(tasks), questions__answers__user=user)
        .annotate(
            answered=Count("questions__answers"),
            right=Count("questions__answers", filter=Q(questions__answers__is_correct=True)),
        )
        .values_list("pk", "right", "answered")
    )
    return {pk: (right, answered) for pk, right, answered in counts}


def _heavy_topic_fields(prefix=""):
    return [
        prefix + name
        for name in ("body_en", "body_ko", "html_en", "html_ko", "toc_en", "toc_ko", "keywords", "sidebar")
    ]


@vary_on_headers("HX-Request")  # the same URL answers a fragment to htmx and a page otherwise
def topic_detail(request, slug):
    language = content_language(request)
    topic = get_object_or_404(Topic.objects.with_studied(request.user), slug=slug)
    facts = list(topic.facts.order_by("key"))
    view = request.GET.get("view")
    template = (
        "topics/topic.html#note" if request.htmx and request.htmx.target == "note" else "topics/topic.html"
    )
    return render(
        request,
        template,
        {
            "topic": topic,
            "facts": facts,
            "content_language": language,
            "other_language": other_language(language),
            "side_by_side": view == "both",
        },
    )


@login_required
@require_POST
def topic_studied(request, slug):
    """Mark a topic as studied (studied=1) or not (studied=0); htmx swaps the button in place."""
    topic = get_object_or_404(Topic, slug=slug)
    studied = request.POST.get("studied")
    if studied not in ("0", "1"):
        raise BadRequest(_("The form was changed; reload the page and try again."))
    if studied == "1":
        StudiedTopic.objects.get_or_create(user=request.user, topic=topic)
    else:
        StudiedTopic.objects.filter(user=request.user, topic=topic).delete()
    topic.is_studied = studied == "1"
    if request.htmx:
        return render(request, "topics/topic.html#studied-form", {"topic": topic})
    return redirect(topic)


def case_index(request):
    cases = Case.objects.select_related("main_topic").only(
        "slug",
        "title_en",
        "title_ko",
        "company_en",
        "company_ko",
        "main_topic__slug",
        "main_topic__title_en",
        "main_topic__title_ko",
    )
    return render(
        request, "topics/case_index.html", {"cases": cases, "content_language": content_language(request)}
    )


@vary_on_headers("HX-Request")  # the same URL answers a fragment to htmx and a page otherwise
def case_detail(request, slug):
    language = content_language(request)
    case = get_object_or_404(Case, slug=slug)
    topics = case.topics.only("slug", "title_en", "title_ko", "order")
    facts = {fact.key: fact for fact in case.facts.select_related("topic").only("key", "topic__slug")}
    for requirement in case.requirements:
        requirement["fact_list"] = [facts[key] for key in requirement["facts"] if key in facts]
    template = (
        "topics/case.html#case-body"
        if request.htmx and request.htmx.target == "case-body"
        else "topics/case.html"
    )
    return render(
        request,
        template,
        {
            "case": case,
            "topics": topics,
            "svg": getattr(case, f"svg_{language}"),
            "content_language": language,
            "other_language": other_language(language),
        },
    )


@csp_override({"default-src": [CSP.NONE], "img-src": [CSP.SELF, "data:"]})
def case_diagram(request, slug):
    """The case's diagram as an SVG file of its own, to open full size and zoom (the page scrolls it)."""
    language = content_language(request)
    case = get_object_or_404(Case.objects.only("svg_en", "svg_ko"), slug=slug)
    svg = case.svg_ko if language == "ko" else case.svg_en
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def glossary(request):
    """Every term, filed under its letter (A-Z, or ㄱ-ㅎ for Korean names); filter by letter or topic."""
    language = content_language(request)
    terms = list(
        GlossaryTerm.objects.select_related("topic").only(
            "slug", "term_en", "term_ko", "aliases", "definition_en", "definition_ko",
            "topic__slug", "topic__title_en", "topic__title_ko",
        )
    )  # fmt: skip
    for term in terms:
        term.name = getattr(term, f"term_{language}") or term.term_en
        term.letter = letters.initial(term.name)
    terms.sort(key=lambda term: letters.sort_key(term.name))
    topics = sorted(
        {term.topic.slug: term.topic for term in terms if term.topic}.values(),
        key=lambda topic: letters.sort_key(getattr(topic, f"title_{language}") or topic.title_en),
    )
    letter, topic = request.GET.get("letter", ""), request.GET.get("topic", "")
    if (letter and not letters.is_letter(letter)) or (topic and topic not in {t.slug for t in topics}):
        raise BadRequest(_("Unknown filter."))
    shown = [
        term
        for term in terms
        if (not letter or term.letter == letter) and (not topic or (term.topic and term.topic.slug == topic))
    ]
    return render(
        request,
        "topics/glossary.html",
        {
            "sections": _by_letter(shown),
            "letters": list(dict.fromkeys(term.letter for term in terms)),
            "letter": letter,
            "topics": topics,
            "topic": topic,
            "count": len(shown),
            "content_language": language,
        },
    )


def _by_letter(items) -> list[tuple[str, list]]:
    sections: dict[str, list] = {}
    for item in items:
        sections.setdefault(item.letter, []).append(item)
    return list(sections.items())


def fact_index(request):
    """Facts grouped by service area; filter by area (the index), by service and by status."""
    language = content_language(request)
    status, group, service = (request.GET.get(name, "") for name in ("status", "group", "service"))
    groups = {group.code: group for group in FactGroup.objects.all()}
    services = list(
        Service.objects.filter(facts__isnull=False).distinct().order_by("name").only("slug", "name")
    )
    if (
        status not in ("", "current", "changed", "corrected", "updated")
        or (group and group not in groups)
        or (service and service not in {s.slug for s in services})
    ):
        raise BadRequest(_("Unknown filter."))
    facts = Fact.objects.select_related("topic", "group").only(
        "key", "group__code", "text_en", "text_ko", "value_en", "value_ko", "as_of", "source", "status", "seed_says",
        "change_en", "change_ko", "topic__slug", "topic__title_en", "topic__title_ko",
    )  # fmt: skip
    if status == "updated":
        facts = facts.exclude(status=Fact.Status.CURRENT)
    elif status:
        facts = facts.filter(status=status)
    if group:
        facts = facts.filter(group__code=group)
    if service:
        facts = facts.filter(services__slug=service)
    index = sorted(
        groups.values(), key=lambda g: letters.sort_key(getattr(g, f"title_{language}") or g.title_en)
    )
    for each in index:
        each.fact_list = []
    for fact in facts:
        groups[fact.group.code].fact_list.append(fact)
    return render(
        request,
        "topics/facts.html",
        {
            "index": index,
            "groups": [g for g in index if g.fact_list],
            "services": services,
            "status": status,
            "group": group,
            "service": service,
            "current_group": groups.get(group),
            "current_service": next((s for s in services if s.slug == service), None),
            "content_language": language,
        },
    )


@vary_on_headers("HX-Request")  # the same URL answers a fragment to htmx and a page otherwise
def search(request):
    language = content_language(request)
    query = request.GET.get("q", "").strip()[:100]
    results = topic_search.search(query) if query else None
    template = "topics/search.html#results" if request.htmx else "topics/search.html"
    return render(request, template, {"query": query, "results": results, "content_language": language})
