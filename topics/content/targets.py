"""Which exams, domains and task statements a file serves: `tasks:` (preferred) or the older
`exams:` (topics) and `domains:` (facts, requirements)."""

from __future__ import annotations

from topics.content.model import Exam
from topics.content.reader import Fields

ExamsByCode = dict[str, Exam]


def _check_exam(f: Fields, key: str, code: str, exams: ExamsByCode) -> bool:
    if code not in exams:
        f.error(f"unknown exam {code!r} in {key} (known: {', '.join(sorted(exams))})", key)
        return False
    return True


def read_domains(f: Fields, key: str, exams: ExamsByCode, many: bool) -> dict:
    """`{exam: [domains]}` (many) or `{exam: domain}` from the older fields."""
    result = {}
    for code, value in f.mapping(key).items():
        if not _check_exam(f, key, code, exams):
            continue
        count = len(exams[code].domains)
        values = value if many and isinstance(value, list) else [value]
        if many and not isinstance(value, list):
            f.error(f"{key}: {code} must list domain numbers, like [1, 2]", key)
        valid = []
        for number in values:
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= count:
                f.error(f"{key}: {code} has no domain {number!r} (domains are 1-{count})", key)
            else:
                valid.append(number)
        result[code] = sorted(set(valid)) if many else value
    if not result:
        f.error(f"{key} must map at least one exam to its domain(s)", key)
    return result


def read_tasks(f: Fields, exams: ExamsByCode, many: bool) -> dict:
    """`{exam: ["1.1", ...]}` (many) or `{exam: "1.1"}`, every code checked against the blueprint."""
    result = {}
    for code, value in f.mapping("tasks").items():
        if not _check_exam(f, "tasks", code, exams):
            continue
        if many and not isinstance(value, list):
            f.error(f'tasks: {code} must list task statements, like ["1.1", "1.2"]', "tasks")
            continue
        if not many and not isinstance(value, str):
            f.error(f'tasks: {code} must name one task statement in quotes, like "1.1"', "tasks")
            continue
        known = exams[code].task_codes()
        codes = [str(v) for v in value] if many else [value]
        for task in codes:
            if task not in known:
                f.error(f"tasks: {code} has no task statement {task!r}", "tasks")
        result[code] = sorted(set(codes)) if many else value
    if not result:
        f.error("tasks must map at least one exam to its task statement(s)", "tasks")
    return result


def read_targets(f: Fields, old_key: str, exams: ExamsByCode, many: bool) -> tuple[dict, dict]:
    """(domains, tasks) from either `tasks:` or the older key; tasks is empty for older files."""
    if "tasks" in f.data and old_key in f.data:
        f.error(f"use either 'tasks' or '{old_key}', not both (tasks already say the domain)", old_key)
    if "tasks" not in f.data and old_key not in f.data:
        f.error(f"missing field 'tasks' in {f.what} (the exam task statements it serves)")
        return {}, {}
    if "tasks" in f.data:
        tasks = read_tasks(f, exams, many)
        # An unknown task statement ("9.9", "x") is already reported; it names no domain.
        if many:
            domains = {
                exam: sorted({n for c in codes if (n := _domain_number(c)) is not None})
                for exam, codes in tasks.items()
            }
        else:
            domains = {exam: n for exam, task in tasks.items() if (n := _domain_number(task)) is not None}
        return domains, tasks
    return read_domains(f, old_key, exams, many), {}


def _domain_number(task_code: str) -> int | None:
    """The domain a task statement code names ("2.1" -> 2), None for a code that names none."""
    head = task_code.split(".")[0]
    return int(head) if head.isascii() and head.isdigit() else None
