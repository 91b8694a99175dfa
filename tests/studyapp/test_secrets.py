"""No secret is in the repository: every tracked file (`git ls-files`) is scanned for private keys,
cloud and service tokens, Django secret keys and passwords. The only values allowed are the ones the
README and .env.example document as not secret: the development SECRET_KEY default, placeholders, the
demo accounts' passwords and the local compose database's password."""

import re
import subprocess
from pathlib import Path

import pytest

from accounts.management.commands.seed_demo import DEMO_ACCOUNTS

ROOT = Path(__file__).resolve().parents[2]

SECRET_KEYS_ALLOWED = {
    "django-insecure-local-development-only-change-me",  # settings.py's default; check --deploy flags it
    "change-me-to-50-random-characters",  # .env.example's placeholder
    "build-only",  # the Dockerfile's collectstatic step, which serves nothing
    "k9#Qm2!vX7pL0wR4tZ8yB1nC6eH3jU5sD0fG9aK2lM7oP4iT-production-only",  # tests: a made-up production key
}
PASSWORDS_ALLOWED = {
    "",  # .env.example: SMTP_PASSWORD= (empty until set)
    "studyapp",  # docker-compose's own PostgreSQL, reachable only inside the compose network
    *(password for _email, password, _instructor in DEMO_ACCOUNTS),  # documented in the README
}
# Shapes no file may hold, whatever the value.
FORBIDDEN = {
    "private key": re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"),
    # AWS's documentation uses ...EXAMPLE ids (AKIAIOSFODNN7EXAMPLE); a real one never ends so.
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b(?<!EXAMPLE)"),
    "AWS secret access key": re.compile(r"(?i)aws_secret_access_key\s*[=:]\s*['\"]?[A-Za-z0-9/+]{40}"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Stripe secret key": re.compile(r"\bsk_live_[A-Za-z0-9]{16,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
}
SECRET_KEY_LITERAL = re.compile(
    r"""SECRET_KEY["']?\s*[:=]\s*(?:env\w*\(\s*["']SECRET_KEY["']\s*,\s*)?["']([^"']+)["']"""
)
SECRET_KEY_ENV = re.compile(r"\bSECRET_KEY=([^\s\"']+)")
# `password = "..."`, `"password": "..."`, `POSTGRES_PASSWORD: x`, `SMTP_PASSWORD=`, `user:secret@host`.
PASSWORD_LITERAL = re.compile(r"""(?i)\b\w*(?:password|passwd|pwd)["']?\s*[=:]\s*["']([^"']*)["']""")
# A value, not code: `password = forms.CharField(` is a form field.
PASSWORD_SETTING = re.compile(r"""(?im)^\s*\w*(?:PASSWORD|PASSWD)\s*[=:][ \t]*([^\s"'#(]*)[ \t]*$""")
URL_CREDENTIALS = re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@'\"]+:([^@\s/'\"]+)@")


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return {
        str(path.relative_to(ROOT)): path.read_bytes().decode("utf-8", errors="replace")
        for path in tracked_files()
    }


def findings(files: dict[str, str]) -> list[str]:
    found = []
    for name, text in files.items():
        for what, pattern in FORBIDDEN.items():
            found += [f"{name}: {what}: {m.group(0)[:24]}..." for m in pattern.finditer(text)]
        for pattern in (SECRET_KEY_LITERAL, SECRET_KEY_ENV):
            for match in pattern.finditer(text):
                value = match.group(1)
                if value not in SECRET_KEYS_ALLOWED and not value.startswith("${"):
                    found.append(f"{name}: a SECRET_KEY value: {value[:12]}...")
        if name.startswith("tests/"):
            continue  # made-up passwords of test users, typed into forms; no deployment knows them
        for pattern in (PASSWORD_LITERAL, PASSWORD_SETTING, URL_CREDENTIALS):
            for match in pattern.finditer(text):
                if match.group(1) not in PASSWORDS_ALLOWED:
                    found.append(f"{name}: a password: {match.group(0)[:40]}")
    return found


def test_no_tracked_file_holds_a_secret(files):
    assert findings(files) == []


def test_the_scan_finds_what_it_looks_for():
    """Each rule fires on a sample, so a typo in a pattern cannot make the scan above pass by default."""
    key_id = "AKIA" + "Q3EGRJ7SLDKW4ZXC"  # split, so this file does not trip the scan itself
    samples = {
        "a.pem": "-----BEGIN " + "OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n",
        "b.py": f"client = boto3.client('s3', aws_access_key_id='{key_id}')",
        "c.py": "SECRET_KEY = '" + "x8#kq" * 10 + "'",
        "d.env": "SECRET" + "_KEY=" + "x8kq" * 10,  # split, as above
        "e.yml": "      POSTGRES_PASSWORD: " + "hunter2hunter2",
        "f.py": 'DATABASES = {"default": dj_database_url.parse("postgres://app:' + "s3cr3t" + '@db/app")}',
        "g.py": 'send(password="' + "letmein-2026" + '")',
        "h.sh": "export GITHUB_TOKEN=ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
    }
    found = findings(samples)
    assert sorted({line.split(":")[0] for line in found}) == sorted(samples)
    assert findings({"docs.md": "AKIAIOSFODNN7" + "EXAMPLE", "tests/x.py": 'password="any"'}) == []


def test_local_secrets_are_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text().split()
    for pattern in (".env", "db.sqlite3"):
        assert pattern in ignored, f"{pattern} must be in .gitignore"
    tracked = {path.name for path in tracked_files()}
    assert not tracked & {".env", "db.sqlite3", "id_rsa", "id_ed25519"}


def test_the_readme_documents_the_demo_passwords_the_seed_sets():
    readme = (ROOT / "README.md").read_text()
    for email, password, _instructor in DEMO_ACCOUNTS:
        assert f"| {email} | {password} |" in readme
