"""Forms of the authoring pages: the question list's filters, bulk actions, the editor."""

from __future__ import annotations

import base64
import uuid

from django import forms
from django.core.validators import URLValidator
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.authoring.drafts import Draft, Problem, with_choice_ids
from quizzes.models import Question
from topics.models import Case, Exam, ExamDomain, Topic

MAX_CHOICES = 10
LANGUAGE_NAMES = {"en": gettext_lazy("English"), "ko": gettext_lazy("Korean")}


def problem_message(problem: Problem) -> str:
    """A publishing problem in the interface language."""
    values = dict(problem.values)
    if "language" in values:
        values["language"] = LANGUAGE_NAMES[values["language"]]
    messages = {
        "stem_missing": _("The question text is missing in %(language)s."),
        "explanation_one_language": _(
            "The explanation is missing in %(language)s (write it in both languages or neither)."
        ),
        "too_few_choices": _("A question needs at least two choices; this one has %(count)s."),
        "choice_missing": _("Choice %(number)s has no text in %(language)s."),
        "why_one_language": _("The explanation of choice %(number)s is missing in %(language)s."),
        "choose_too_small": _("A multiple-response question chooses at least 2 answers, not %(choose)s."),
        "wrong_correct_count": _(
            "The question asks for %(wanted)s correct choice(s) but %(correct)s are marked correct."
        ),
        "no_distractor": _("Every one of the %(count)s choices is correct: add a wrong one."),
        "duplicate_choice": _("Choices %(first)s and %(number)s read the same in %(language)s."),
    }
    return messages[problem.code] % values


# ------------------------------------------------------------------------------------------------ the list


class QuestionFilterForm(forms.Form):
    q = forms.CharField(required=False, label=gettext_lazy("Search"), max_length=200)
    status = forms.ChoiceField(required=False, label=gettext_lazy("Status"))
    origin = forms.ChoiceField(required=False, label=gettext_lazy("Origin"))
    exam = forms.ChoiceField(required=False, label=gettext_lazy("Exam"))
    domain = forms.ChoiceField(required=False, label=gettext_lazy("Exam domain"))
    topic = forms.ChoiceField(required=False, label=gettext_lazy("Topic"))
    case = forms.ChoiceField(required=False, label=gettext_lazy("Case"))
    checking = forms.BooleanField(required=False, label=gettext_lazy("Needs checking"))

    def __init__(self, *args, language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Any"))]
        self.fields["status"].choices = every + Question.Status.choices
        self.fields["origin"].choices = every + Question.Origin.choices
        self.fields["exam"].choices = every + [
            (code, code) for code in Exam.objects.values_list("code", flat=True)
        ]
        title = f"title_{language}"
        domains = ExamDomain.objects.select_related("exam").order_by("exam__code", "number")
        self.fields["domain"].choices = every + [
            (f"{d.exam.code}:{d.number}", f"{d.exam.code} · {d.number}. {getattr(d, title)}") for d in domains
        ]
        self.fields["topic"].choices = every + list(Topic.objects.values_list("slug", title))
        self.fields["case"].choices = every + list(Case.objects.values_list("slug", title))

    def filter(self, questions):
        """The questions that match the valid filters (an invalid form filters nothing)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("status"):
            questions = questions.filter(status=data["status"])
        if data.get("origin"):
            questions = questions.filter(origin=data["origin"])
        if data.get("exam"):
            questions = questions.filter(
                Exists(
                    Question.domains.through.objects.filter(
                        question=OuterRef("pk"), examdomain__exam__code=data["exam"]
                    )
                )
            )
        if data.get("domain"):
            code, _colon, number = data["domain"].partition(":")
            questions = questions.filter(
                Exists(
                    Question.domains.through.objects.filter(
                        question=OuterRef("pk"), examdomain__exam__code=code, examdomain__number=int(number)
                    )
                )
            )
        if data.get("topic"):
            questions = questions.filter(topic__slug=data["topic"])
        if data.get("case"):
            questions = questions.filter(case__slug=data["case"])
        if data.get("checking"):
            questions = questions.needing_checks()
        if words := data.get("q", "").strip():
            questions = questions.filter(
                Q(key__icontains=words)
                | Q(current_version__stem_en__icontains=words)
                | Q(current_version__stem_ko__icontains=words)
                | Q(tags__icontains=words)
            )
        return questions


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[("publish", "publish"), ("retire", "retire")])
    question = forms.TypedMultipleChoiceField(coerce=str, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = self.data.getlist("question") if hasattr(self.data, "getlist") else []
        # Any well-formed code may be named; the service acts only on those that exist.
        self.fields["question"].choices = [(code, code) for code in codes if _is_uuid(code)]


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------------- the editor


def bilingual_text(
    label_en, label_ko, *, rows: int, max_length: int
) -> tuple[forms.CharField, forms.CharField]:
    """A text's English and Korean fields, in that order: text areas a draft may leave blank.

    Each label stays one whole message ("Question (Korean)") so that translators word it as a phrase.
    """

    def field(label):
        return forms.CharField(
            label=label, required=False, max_length=max_length, widget=forms.Textarea({"rows": rows})
        )

    return field(label_en), field(label_ko)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("single", gettext_lazy("Single answer")), ("multiple", gettext_lazy("Multiple response"))],
    )
    choose = forms.IntegerField(label=gettext_lazy("Choose N"), min_value=1, max_value=5, initial=1)
    stem_en, stem_ko = bilingual_text(
        gettext_lazy("Question (English)"), gettext_lazy("Question (Korean)"), rows=5, max_length=5000
    )
    explanation_en, explanation_ko = bilingual_text(
        gettext_lazy("Explanation (English)"), gettext_lazy("Explanation (Korean)"), rows=5, max_length=5000
    )
    topic = forms.ModelChoiceField(
        Topic.objects.all(), to_field_name="slug", required=False, label=gettext_lazy("Topic")
    )
    case = forms.ModelChoiceField(
        Case.objects.all(), to_field_name="slug", required=False, label=gettext_lazy("Case")
    )
    domains = forms.ModelMultipleChoiceField(
        ExamDomain.objects.select_related("exam").order_by("exam__code", "number"),
        required=False,
        label=gettext_lazy("Exams and domains"),
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(
        required=False,
        max_length=500,
        label=gettext_lazy("Tags"),
        help_text=gettext_lazy("Separated by commas."),
    )
    sources = forms.CharField(
        required=False,
        label=gettext_lazy("Sources"),
        help_text=gettext_lazy("One documentation link (https://…) per line."),
        widget=forms.Textarea({"rows": 3}),
        max_length=5000,
    )
    note = forms.CharField(
        required=False, max_length=200, label=gettext_lazy("What changed (shown in the history)")
    )

    def __init__(self, *args, language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        title = f"title_{language}"
        self.fields["topic"].label_from_instance = lambda t: getattr(t, title)
        self.fields["case"].label_from_instance = lambda c: getattr(c, title)
        self.fields["domains"].label_from_instance = lambda d: (
            f"{d.exam.code} · {d.number}. {getattr(d, title)}"
        )

    def clean_sources(self):
        urls = [line.strip() for line in self.cleaned_data["sources"].splitlines() if line.strip()]
        check = URLValidator(schemes=["http", "https"])
        for url in urls:
            try:
                check(url)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(url)s” is not a web link (https://…).") % {"url": url[:100]}
                ) from None
        return urls

    def clean_tags(self):
        return list(dict.fromkeys(tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == "single":
            cleaned["choose"] = 1
        elif cleaned.get("kind") == "multiple" and (cleaned.get("choose") or 0) < 2:
            self.add_error("choose", _("A multiple-response question chooses at least 2 answers."))
        return cleaned


CHOICE_TEXTS = ("text_en", "text_ko", "why_en", "why_ko")


class ChoiceForm(forms.Form):
    id = forms.CharField(required=False, widget=forms.HiddenInput, max_length=10)
    text_en, text_ko = bilingual_text(
        gettext_lazy("Choice (English)"), gettext_lazy("Choice (Korean)"), rows=2, max_length=1000
    )
    correct = forms.BooleanField(label=gettext_lazy("Correct"), required=False)
    why_en, why_ko = bilingual_text(
        gettext_lazy("Why (English)"), gettext_lazy("Why (Korean)"), rows=2, max_length=2000
    )

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(data.get(name, "").strip() for name in CHOICE_TEXTS)


ChoiceFormSet = forms.formset_factory(
    ChoiceForm, extra=0, max_num=MAX_CHOICES, validate_max=True, absolute_max=MAX_CHOICES
)


def choice_formset(data=None, *, choices: list[dict] = (), blank_rows: int = 2):
    """The choices' rows: those written so far and some blank ones to add more (no JavaScript needed)."""
    initial = [
        {key: choice.get(key, "") for key in ("id", *CHOICE_TEXTS)}
        | {"correct": choice.get("correct", False)}
        for choice in choices
    ]
    rows = min(MAX_CHOICES, max(4, len(initial) + blank_rows))
    initial += [{}] * (rows - len(initial))
    return ChoiceFormSet(data, initial=initial if data is None else None, prefix="choice")


def draft_from(form: QuestionForm, formset) -> Draft:
    """The content both forms describe (call after both are valid); blank choice rows are dropped."""
    data = form.cleaned_data
    choices = [
        {
            "id": row.cleaned_data.get("id", ""),
            **{name: row.cleaned_data.get(name, "").strip() for name in CHOICE_TEXTS},
            "correct": bool(row.cleaned_data.get("correct")),
        }
        for row in formset
        if row.cleaned_data and not row.is_blank()
    ]
    return Draft(
        kind=data["kind"],
        choose=data["choose"],
        stem_en=data["stem_en"].strip(),
        stem_ko=data["stem_ko"].strip(),
        explanation_en=data["explanation_en"].strip(),
        explanation_ko=data["explanation_ko"].strip(),
        choices=with_choice_ids(choices),
        sources=data["sources"],
    )


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        max_length=2000,
        label=gettext_lazy("What was done"),
        widget=forms.Textarea({"rows": 2}),
        error_messages={"required": gettext_lazy("Say what was done before resolving the report.")},
    )


# ---------------------------------------------------------------------------------------- import and export

IMPORT_LANGUAGES = [("en", gettext_lazy("English")), ("ko", gettext_lazy("Korean"))]


class ImportForm(forms.Form):
    """Step 1 uploads a file; step 2 (the preview's confirm button) sends its content back, unchanged."""

    file = forms.FileField(required=False, label=gettext_lazy("GIFT or Moodle XML file (UTF-8)"))
    language = forms.ChoiceField(
        choices=IMPORT_LANGUAGES,
        initial="en",
        label=gettext_lazy("Language of the texts"),
        help_text=gettext_lazy("Texts in Moodle's multi-language spans go to their own language."),
    )
    content = forms.CharField(required=False, widget=forms.HiddenInput)
    filename = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            cleaned["data"], cleaned["filename"] = upload.read(), upload.name
        elif cleaned.get("content"):
            try:
                cleaned["data"] = base64.b64decode(cleaned["content"], validate=True)
            except ValueError:
                raise forms.ValidationError(_("The file sent back was damaged: upload it again.")) from None
        else:
            raise forms.ValidationError(_("Choose a file to import."))
        cleaned["filename"] = cleaned.get("filename") or "upload"
        return cleaned


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        widget=forms.RadioSelect,
        initial="gift",
        choices=[
            ("gift", gettext_lazy("Moodle GIFT")),
            ("xml", gettext_lazy("Moodle XML")),
            ("yaml", gettext_lazy("Our content YAML (both languages)")),
        ],
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        widget=forms.RadioSelect,
        initial="both",
        choices=[
            ("both", gettext_lazy("Both (Moodle multi-language spans)")),
            ("en", gettext_lazy("English")),
            ("ko", gettext_lazy("Korean")),
        ],
    )
