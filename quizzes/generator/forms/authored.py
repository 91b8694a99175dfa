"""Hand-written exam items (content/questions/): passed through as written, checked like the rest."""

from __future__ import annotations

from quizzes.generator import phrasing as say
from quizzes.generator.build import build
from quizzes.generator.forms import form
from quizzes.generator.questions import Question
from topics.content import AuthoredQuestion, Curriculum


@form("authored", over="question")
def authored(item: AuthoredQuestion, curriculum: Curriculum, seed: int) -> list[Question]:
    """One question as its author wrote it; the key is the author's id, so edits become new versions."""
    right = [(c.text, c.why) for c in item.choices if c.correct]
    wrong = [(c.text, c.why) for c in item.choices if not c.correct]
    # Without an explanation of its own, the question is explained by why each of its keys is right.
    explanation = item.explanation or say.join(*(why for _text, why in right))
    return [
        build(
            f"authored:{item.id}",
            seed,
            stem=item.stem,
            right=right,
            wrong=wrong,
            explanation=explanation,
            choose=item.choose,
            source={
                "topic": item.topic,
                "exams": dict(item.domains),
                "tasks": dict(item.tasks),
                "services": list(item.services),
                "sources": [s.url for s in item.sources],
                "source_ref": f"{item.path}:{item.line} question {item.id}",
            },
            origin="authored",
            qualifier=item.qualifier,
            base=True,
        )
    ]
