"""Class pages. Every class URL loads through an ownership helper: the class's instructor for the
instructor's pages, the member for theirs; anyone else gets 404 (anonymous visitors sign in first)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.languages import content_language
from accounts.roles import instructor_required, is_instructor
from classes import assignments as works
from classes import pages, progress, services
from classes.forms import AssignmentForm, ClassForm
from classes.models import Assignment, Classroom, Membership


def _taught(request, code) -> Classroom:
    """The class, for its instructor only (404 for anyone else); an instructor whose role was taken
    away keeps no access to the class's figures (403)."""
    classroom = get_object_or_404(
        Classroom.objects.select_related("exam"), code=code, instructor=request.user
    )
    if not is_instructor(request.user):
        raise PermissionDenied
    return classroom


def _posted(request):
    """The submitted data for a bound form on POST (even an empty body), nothing on GET."""
    return request.POST if request.method == "POST" else None


def _confirmed(request) -> bool:
    """Whether the learner pressed the confirmation page's button: any other request (a GET, an old
    form's POST without the field) only shows that page, so one stray click never removes anyone."""
    return request.method == "POST" and request.POST.get("confirmed") == "1"


def _membership(request, code) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("classroom__exam", "classroom__instructor"),
        classroom__code=code,
        user=request.user,
    )


@login_required
def index(request):
    """The classes a learner is in; for an instructor, the classes they teach too."""
    taught = (
        Classroom.objects.taught_by(request.user)
        .select_related("exam")
        .annotate(members=Count("memberships"))
        if is_instructor(request.user)
        else None
    )
    memberships = Membership.objects.filter(user=request.user).select_related("classroom__exam")
    return render(request, "classes/index.html", {"taught": taught, "memberships": memberships})


@instructor_required
def create(request):
    form = ClassForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        classroom = services.create_class(instructor=request.user, **form.cleaned_data)
        return redirect(classroom)
    return render(request, "classes/class_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def edit(request, code):
    classroom = _taught(request, code)
    form = ClassForm(_posted(request), instance=classroom)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The class is saved."))
        return redirect(classroom)
    context = {"form": form, "classroom": classroom}
    return render(request, "classes/class_form.html", context, status=400 if form.errors else 200)


@login_required
def detail(request, code):
    """The class page: members, their figures and the class's, the weakest task statements, assignments."""
    classroom = _taught(request, code)
    memberships = list(classroom.memberships.select_related("user"))
    report = progress.build(classroom.exam, [m.user_id for m in memberships], timezone.now())
    context = pages.class_page(classroom, memberships, report, content_language(request))
    context["join_url"] = request.build_absolute_uri(classroom.get_join_url())
    return render(request, "classes/detail.html", context)


@login_required
def member(request, code, member):
    """One member's figures, as the instructor sees them (and as the member sees them on their page)."""
    classroom = _taught(request, code)
    membership = get_object_or_404(classroom.memberships.select_related("user"), code=member)
    context = pages.member_page(classroom, membership, content_language(request))
    return render(request, "classes/member.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def remove_member(request, code, member):
    """Say what removing the member does, then remove them once the instructor confirms."""
    classroom = _taught(request, code)
    membership = get_object_or_404(classroom.memberships.select_related("user"), code=member)
    if not _confirmed(request):
        context = {"classroom": classroom, "membership": membership}
        return render(request, "classes/remove_member.html", context)
    services.leave_class(membership=membership)
    messages.success(
        request,
        _("%(email)s is no longer in the class. To keep them out, replace the join link too.")
        % {"email": membership.user.email},
    )
    return redirect(classroom)


@login_required
@require_POST
def regenerate_code(request, code):
    classroom = _taught(request, code)
    services.regenerate_join_code(classroom=classroom)
    messages.success(request, _("The class has a new join link. The old one no longer works."))
    return redirect(classroom)


@login_required
def assignment_create(request, code):
    classroom = _taught(request, code)
    form = AssignmentForm(_posted(request), classroom=classroom, language=content_language(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["what"].startswith("blueprint:"):
                services.assign_mock(classroom=classroom, value=data["what"], due_on=data["due_on"])
            else:
                services.assign_practice(
                    classroom=classroom, value=data["what"], size=data["size"], due_on=data["due_on"]
                )
        except services.EmptyScope:
            form.add_error("what", _("There are no questions for this choice yet. Pick another one."))
        except services.NotInExam:
            form.add_error("what", _("Choose what to practise from the list."))
        else:
            messages.success(request, _("The assignment is set. Members see it on their dashboard."))
            return redirect(classroom)
    context = {"form": form, "classroom": classroom}
    return render(request, "classes/assignment_form.html", context, status=400 if form.errors else 200)


@login_required
def assignment(request, code, assignment):
    """Who has done the assignment, and how they scored."""
    classroom = _taught(request, code)
    assignment = get_object_or_404(classroom.assignments.select_related("blueprint"), code=assignment)
    memberships = list(classroom.memberships.select_related("user"))
    found = works.works(assignment=assignment)
    rows = [(m, works.Row(assignment, found.get((assignment.pk, m.pk)))) for m in memberships]
    context = {"classroom": classroom, "assignment": assignment, "rows": rows}
    return render(request, "classes/assignment.html", context)


@login_required
def join(request, join_code):
    """See what the instructor will see of you, then join with one click."""
    classroom = Classroom.objects.select_related("exam", "instructor").filter(join_code=join_code).first()
    if classroom is None:
        return render(request, "classes/join_invalid.html", status=404)
    member = Membership.objects.filter(classroom=classroom, user=request.user).first()
    if request.method == "POST" and member is None:
        try:
            services.join_class(user=request.user, classroom=classroom)
        except services.OwnClass:
            return render(request, "classes/join.html", {"classroom": classroom, "own": True}, status=400)
        except services.AlreadyMember:
            pass  # joined a moment ago in another tab: the same outcome
        messages.success(request, _("You joined %(name)s.") % {"name": classroom.name})
        return redirect("classes:membership", code=classroom.code)
    if member is not None:
        return redirect("classes:membership", code=classroom.code)
    own = classroom.instructor_id == request.user.pk
    return render(request, "classes/join.html", {"classroom": classroom, "own": own})


@login_required
def membership(request, code):
    """The member's own page: the class's assignments, their own figures, and the way out."""
    membership = _membership(request, code)
    context = pages.member_page(membership.classroom, membership, content_language(request), own=True)
    return render(request, "classes/membership.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, code):
    """Say what leaving does (and what the learner keeps), then leave once the learner confirms."""
    membership = _membership(request, code)
    if not _confirmed(request):
        context = {"classroom": membership.classroom, "membership": membership}
        return render(request, "classes/leave.html", context)
    services.leave_class(membership=membership)
    messages.success(
        request,
        _("You left %(name)s. Its instructor no longer sees anything of yours.")
        % {"name": membership.classroom.name},
    )
    return redirect("classes:index")


@login_required
@require_POST
def assignment_start(request, code, assignment):
    """Start the member's quiz or mock exam for the assignment, or resume the one they started."""
    membership = _membership(request, code)
    assignment = get_object_or_404(
        Assignment.objects.filter(classroom=membership.classroom).select_related("blueprint"), code=assignment
    )
    try:
        work = services.start_assignment(
            membership=membership, assignment=assignment, esl=request.POST.get("esl") == "on"
        )
    except services.ExamInProgress as refused:
        problem = _("You are sitting another mock exam. Submit it first, then start this one.")
        return _membership_page(request, membership, problem, status=409, resume=refused.attempt)
    except services.EmptyScope:
        problem = _("This assignment has no questions to draw from now. Tell your instructor.")
        return _membership_page(request, membership, problem, status=409)
    return redirect(work)


def _membership_page(request, membership, problem, *, status, resume=None):
    context = pages.member_page(membership.classroom, membership, content_language(request), own=True)
    context |= {"problem": problem, "resume": resume}
    return render(request, "classes/membership.html", context, status=status)
