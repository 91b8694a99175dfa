"""Index letters for lists of names: A-Z for Latin names, the initial consonant (ㄱ ㄴ ㄷ ...) for Korean.

Django-free. "AWS " and "Amazon " do not count: Amazon DynamoDB is filed under D, as AWS's own
product index does, so that the A of a glossary is not a third of it. Tense consonants are filed
with their plain ones (ㄲ with ㄱ), as phone address books do.
"""

from __future__ import annotations

VENDOR_PREFIXES = ("AWS ", "Amazon ")
# The 19 initial consonants in the order of the Hangul syllables block (U+AC00 + 588 per initial).
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
PLAIN = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
KOREAN = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
OTHER = "#"
ORDER = {letter: index for index, letter in enumerate(KOREAN + LATIN + OTHER)}


def filed_name(name: str) -> str:
    """The name as the index reads it: without a leading "AWS " or "Amazon "."""
    for prefix in VENDOR_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def initial(name: str) -> str:
    """The index letter of a name: a capital Latin letter, a plain Korean consonant, or "#"."""
    first = filed_name(name.strip())[:1]
    if "가" <= first <= "힣":
        consonant = INITIALS[(ord(first) - ord("가")) // 588]
        return PLAIN.get(consonant, consonant)
    if first in INITIALS:
        return PLAIN.get(first, first)
    if first.upper() in LATIN and first.isascii():
        return first.upper()
    return OTHER


def sort_key(name: str) -> tuple[int, str]:
    """Korean consonants first, then A-Z, then the rest; alphabetical within a letter."""
    return ORDER[initial(name)], filed_name(name.strip()).casefold()


def is_letter(value: str) -> bool:
    return value in ORDER
