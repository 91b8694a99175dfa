"""What the class page and a member's page show, worked out from a `progress.Report`: table rows and
SVG charts (drawn by reviews.charts, the progress page's own charts, in the page's language)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Profile
from classes import assignments as works
from classes import charts as class_charts
from classes import progress
from classes.models import Classroom, Membership
from exams import charts as exam_charts
from exams.models import ESL_EXTRA_MINUTES
from reviews import charts


def _title(obj, language: str) -> str:
    return getattr(obj, f"title_{language}") or obj.title_en


def _topic_links(report: progress.Report, topic_ids) -> list[dict]:
    return [report.topics[t] for t in topic_ids]


def _percent(fraction: float) -> int:
    return round(100 * fraction)


def _share_figure(share: progress.Share) -> str:
    return f"{share.right} / {share.total} · {share.percent}%" if share.total else "—"


def _area_rows(report: progress.Report, kind: str, areas, topics_of: dict, language: str) -> list[dict]:
    """Per exam domain or task statement (`kind`): its topics, the share of them the class studied, its
    answers."""
    return [
        {
            kind: area,
            "title": _title(area, language),
            "topics": len(topics_of.get(area.pk, ())),
            "studied": _percent(report.class_studied(topics_of.get(area.pk, ()))),
            "answers": report.class_share(f"by_{kind}", area.pk),
        }
        for area in areas
    ]


def class_page(classroom: Classroom, memberships: list[Membership], report: progress.Report, language: str):
    """Members, per-domain and per-task figures of the class, the weakest task statements, assignments."""
    all_topics = list(report.topics)
    assignments = list(classroom.assignments.select_related("blueprint"))
    found = works.works(assignment__classroom=classroom)
    members = []
    for membership in memberships:
        figures = report.members[membership.user_id]
        members.append(
            {
                "membership": membership,
                "figures": figures,
                "studied": report.studied(figures, all_topics),
                "done": sum(1 for a in assignments if (w := found.get((a.pk, membership.pk))) and w.done),
                "spark": _sparkline(figures, classroom.exam.pass_scaled),
            }
        )
    domains = _area_rows(report, "domain", report.domains, report.domain_topics, language)
    tasks = _area_rows(report, "task", report.tasks, report.task_topics, language)
    return {
        "classroom": classroom,
        "members": members,
        "domains": domains,
        "tasks": tasks,
        "weakest": [
            {"task": t, "title": _title(t, language), "answers": share, "topics": topics}
            for t, share, topics in report.weakest()
        ],
        "min_answers": progress.MIN_ANSWERS,
        "assignments": _assignment_summaries(assignments, memberships, found),
        "studied_chart": _studied_chart(report, language, [(d["title"], d["domain"]) for d in domains], None),
        "answers_chart": _answers_chart(report, language, None),
        "readiness_chart": _readiness_chart(members, classroom.exam.code) if members else "",
        "mocks_chart": _latest_mocks_chart(members, classroom.exam),
        "content_language": language,
    }


def _assignment_summaries(assignments, memberships, found) -> list[dict]:
    summaries = []
    for assignment in assignments:
        done = [w for m in memberships if (w := found.get((assignment.pk, m.pk))) and w.done]
        started = sum(1 for m in memberships if (assignment.pk, m.pk) in found)
        summaries.append(
            {
                "assignment": assignment,
                "done": len(done),
                "started": started,
                "members": len(memberships),
                "average": round(sum(w.score for w in done) / len(done)) if done else None,
                "overdue": assignment.due_on < timezone.localdate(),
            }
        )
    return summaries


def member_page(classroom: Classroom, membership: Membership, language: str, *, own: bool = False) -> dict:
    """One member's figures: per domain and task statement, reviews, readiness, assignments."""
    report = progress.build(classroom.exam, [membership.user_id], timezone.now())
    figures = report.members[membership.user_id]
    domains = [
        {
            "domain": d,
            "title": _title(d, language),
            "studied": report.studied(figures, report.domain_topics.get(d.pk, ())),
            "answers": figures.by_domain.get(d.pk, progress.Share()),
        }
        for d in report.domains
    ]
    tasks = [
        {
            "task": t,
            "title": _title(t, language),
            "studied": report.studied(figures, report.task_topics.get(t.pk, ())),
            "answers": figures.by_task.get(t.pk, progress.Share()),
            "topics": _topic_links(report, report.task_topics.get(t.pk, ())),
        }
        for t in report.tasks
    ]
    return {
        "classroom": classroom,
        "membership": membership,
        "figures": figures,
        "studied": report.studied(figures, list(report.topics)),
        "domains": domains,
        "tasks": tasks,
        "rows": works.rows_for_member(membership, classroom.assignments.select_related("blueprint")),
        "studied_chart": _studied_chart(
            report, language, [(d["title"], d["domain"]) for d in domains], figures
        ),
        "answers_chart": _answers_chart(report, language, figures),
        "mock_chart": _mock_history_chart(figures, classroom.exam),
        "own": own,
        "esl": own and Profile.objects.filter(user_id=membership.user_id, esl_accommodation=True).exists(),
        "esl_minutes": ESL_EXTRA_MINUTES,
        "content_language": language,
    }


def _studied_chart(report, language, domains, figures) -> str:
    rows = []
    for title, domain in domains:
        ids = report.domain_topics.get(domain.pk, ())
        if figures is None:
            fraction = report.class_studied(ids)
            rows.append((f"{domain.number}. {title}", fraction, f"{_percent(fraction)}%"))
        else:
            done, total = report.studied(figures, ids)
            rows.append((f"{domain.number}. {title}", done / total if total else 0.0, f"{done} / {total}"))
    return charts.hbar_chart(
        rows,
        title=_("Topics studied by domain: %(exam)s") % {"exam": report.exam.code},
        description=(
            _("The share of each domain's topics the average member marked as studied.")
            if figures is None
            else _("Topics marked as studied out of the domain's topics.")
        ),
    )


def _answers_chart(report, language, figures) -> str:
    rows = []
    for domain in report.domains:
        share = (
            report.class_share("by_domain", domain.pk)
            if figures is None
            else figures.by_domain.get(domain.pk)
        )
        share = share or progress.Share()
        rows.append((f"{domain.number}. {_title(domain, language)}", share.fraction, _share_figure(share)))
    return charts.hbar_chart(
        rows,
        title=_("Answers right by domain: %(exam)s") % {"exam": report.exam.code},
        description=_(
            "Answers right out of answers given, in practice, reviews and mock exams (right / answers · percent)."
        ),
    )


def _readiness_chart(members, exam_code: str) -> str:
    rows = [
        (
            m["membership"].user.email,
            m["figures"].readiness.probability,
            m["figures"].readiness_label,
        )
        for m in members
    ]
    return charts.hbar_chart(
        rows,
        title=_("Estimated readiness by member: %(exam)s") % {"exam": exam_code},
        description=_("Each member's estimated chance of passing the exam if they sat it today."),
    )


def _sparkline(figures: progress.Member, pass_scaled: int) -> str:
    if not figures.mocks:
        return ""
    scores = [m.scaled for m in figures.mocks]
    return class_charts.sparkline(
        scores,
        pass_scaled=pass_scaled,
        label=_("Mock exam scores, oldest first: %(scores)s") % {"scores": ", ".join(map(str, scores))},
    )


def _latest_mocks_chart(members: list[dict], exam) -> str:
    rows = [
        (m["membership"].user.email, latest.scaled / 1000, f"{latest.scaled}")
        for m in members
        if (latest := m["figures"].latest_mock)
    ]
    if not rows:
        return ""
    return charts.hbar_chart(
        rows,
        title=_("Latest mock exam score by member: %(exam)s") % {"exam": exam.code},
        description=_("Each member's latest estimated scaled score (100 to 1000; %(pass)s passes).")
        % {"pass": exam.pass_scaled},
    )


def _mock_history_chart(figures: progress.Member, exam) -> str:
    if not figures.mocks:
        return ""
    return exam_charts.score_history(
        [(m.at, m.scaled) for m in figures.mocks],
        pass_scaled=exam.pass_scaled,
        title=_("Mock exam scores over time: %(exam)s") % {"exam": exam.code},
        description=_(
            "Estimated scaled scores of %(n)s mock exams, oldest first; the line marks the pass mark %(pass)s."
        )
        % {"n": len(figures.mocks), "pass": exam.pass_scaled},
        pass_label=_("pass %(score)s") % {"score": exam.pass_scaled},
    )
