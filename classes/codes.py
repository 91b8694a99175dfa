"""Join codes: random, unguessable, short enough to read aloud in a classroom. Django-free."""

import secrets

# No 0/O, 1/l/I: a code copied by hand from a projector still works.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
LENGTH = 12  # 31**12 ≈ 2**59 codes
PATTERN = rf"[{ALPHABET}]{{{LENGTH}}}"


def new_join_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
