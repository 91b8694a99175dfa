"""Korean grammar for text assembled from pieces: particles chosen by the final sound, and counters.

A Korean particle depends on how the word before it ends when read aloud: 이/가, 을/를, 은/는,
과/와, (이)라는 take their first form after a final consonant (받침) and the second after a
vowel; (으)로 also takes the short form after ㄹ. Generated text puts service names, values and
labels before particles, so the final sound is worked out for what those look like:

- Hangul: the syllable's own final consonant ("함수" -> none, "요청" -> ㅇ, "파일" -> ㄹ).
- Numbers, read as Sino-Korean ("3" 삼 -> ㅁ, "6" 육 -> ㄱ, "10" 십 -> ㅂ, "100" 백 -> ㄱ,
  "1,000" 천 -> ㄴ, "10,000" 만 -> ㄴ, "48.8" 사십팔 점 팔 -> ㄹ), except digits glued to Latin
  letters or right after a Latin word, which are read in English ("EC2" 투, "Route 53" 쓰리).
- Acronyms and a final capital, letter by letter as Koreans name the letters: only L (엘),
  M (엠), N (엔) and R (알) end in a consonant ("IAM" -> ㅁ, "EMR" -> ㄹ, "ALB" -> none).
- English words, by how the loanword is spelled in Korean: -ng -> ㅇ; -m/-me -> ㅁ;
  -n/-ne/-gn -> ㄴ; -l/-le -> ㄹ; -ck, -ook and a short vowel + k/c -> ㄱ ("Elastic" 일래스틱);
  a short vowel + t and -out -> ㅅ ("Subnet" 서브넷, "Timeout" 타임아웃); a short vowel + p/b,
  -pp, -oup, -eep, -eap -> ㅂ ("Backup" 백업, "Group" 그룹); everything else ends in a vowel
  ("Lambda" 람다, "Manager" 매니저, "Gateway" 게이트웨이, "Cache" 캐시, "Shield" 실드).
- READ_AS lists the known exceptions (acronyms said as words, loanwords spelled against the
  pattern).

What follows the word and does not change its reading is skipped: closing punctuation and quotes,
Markdown emphasis, and a parenthesised aside ("900초(15분)" is read up to 초, as Korean spelling
rules ask).
"""

from __future__ import annotations

import re

# Exceptions to the rules above, looked up as written and then in lower case: the final sound.
READ_AS = {
    "NAT": "ㅅ",  # 낫
    "CIDR": "",  # 사이더
    "check": "",  # 체크
    "hub": "",  # 허브
    "column": "ㅁ",  # 칼럼
    "parquet": "",  # 파케이
    "big": "ㄱ",  # 빅
}

_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_LETTERS = {"L": "ㄹ", "M": "ㅁ", "N": "ㄴ", "R": "ㄹ"}
_WORD_ENDINGS = [
    (re.compile(r"ng$"), "ㅇ"),
    (re.compile(r"(?:m|me|mb)$"), "ㅁ"),
    (re.compile(r"(?:n|ne|gn)$"), "ㄴ"),
    (re.compile(r"(?:l|le)$"), "ㄹ"),
    (re.compile(r"(?:ck|ook|(?<![aeiou])[aeiou][kc])$"), "ㄱ"),
    (re.compile(r"(?:out|(?<![aeiou])[aeiou]t)$"), "ㅅ"),
    (re.compile(r"(?:pp|oup|eep|eap|(?<![aeiou])[aeiou][pb])$"), "ㅂ"),
]
# Sino-Korean: the last digit (일 삼 육 칠 팔 end in a consonant, 영 too), or the place word
# of a round number: 십 백 천 within a group of four digits, then 만 억 조 경.
_DIGITS = {0: "ㅇ", 1: "ㄹ", 3: "ㅁ", 6: "ㄱ", 7: "ㄹ", 8: "ㄹ"}
_PLACES = {1: "ㅂ", 2: "ㄱ", 3: "ㄴ"}
_GROUPS = {1: "ㄴ", 2: "ㄱ", 3: "", 4: "ㅇ"}
# English: one, seven, nine, ten, eleven and the -teens end in n; the rest in a vowel sound.
_ENGLISH_DIGITS = {1: "ㄴ", 7: "ㄴ", 9: "ㄴ"}

# Closing punctuation, quotes (also U+201D and U+2019), Markdown emphasis, a parenthesised aside.
_TRAILING = re.compile(r"(?:[\s.,!?;:'\"\u201d\u2019」』*_`]+|\([^()]*\))$")
_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?$")
_LATIN = re.compile(r"[A-Za-z]+$")


def final_sound(word: str) -> str:
    """The final consonant of `word` as a Korean reader says it ("ㄹ", "ㅁ", ...), or "" after a vowel."""
    text = word
    while (stripped := _TRAILING.sub("", text)) != text:
        text = stripped
    if not text:
        return ""
    last = text[-1]
    if "가" <= last <= "힣":
        index = (ord(last) - ord("가")) % 28
        return _FINALS[index - 1] if index else ""
    if number := _NUMBER.search(text):
        before = text[: number.start()]
        english = bool(re.search(r"[A-Za-z]$", before) or re.search(r"[A-Za-z]\s+$", before))
        return _number_sound(number.group(1).replace(",", ""), number.group(2), english)
    if latin := _LATIN.search(text):
        return _latin_sound(latin.group(0))
    return ""


def _number_sound(whole: str, fraction: str | None, english: bool) -> str:
    if fraction:  # 점 then digit by digit
        return _DIGITS.get(int(fraction[-1]), "")
    n = int(whole)
    if english:
        if 10 <= n % 100 <= 19:
            return "" if n % 100 == 12 else "ㄴ"  # ten, eleven, thirteen..., but twelve
        return _ENGLISH_DIGITS.get(n % 10, "")  # twenty, hundred, thousand end in a vowel sound
    if n == 0 or n % 10:
        return _DIGITS.get(n % 10, "")
    group = 0
    while n % 10000 == 0:
        n //= 10000
        group += 1
    if group:
        return _GROUPS.get(group, "")
    zeros = len(str(n)) - len(str(n).rstrip("0"))
    return _PLACES[zeros]


def _latin_sound(token: str) -> str:
    for key in (token, token.lower()):
        if key in READ_AS:
            return READ_AS[key]
    if len(token) == 1 or token[-1].isupper():
        return _LETTERS.get(token[-1].upper(), "")
    lower = token.lower()
    return next((sound for ending, sound in _WORD_ENDINGS if ending.search(lower)), "")


def particle(word: str, pair: str) -> str:
    """The form of a particle that follows `word`: pair is "after a consonant/after a vowel".

    particle("Lambda", "이/가") == "가"; particle("IAM", "을/를") == "을";
    particle("파일", "으로/로") == "로" (after ㄹ the short form, as after a vowel).
    """
    after_consonant, slash, after_vowel = pair.partition("/")
    if not (slash and after_consonant and after_vowel):
        raise ValueError(f"a particle pair is written 'after a consonant/after a vowel', not {pair!r}")
    sound = final_sound(word)
    if sound == "ㄹ" and after_consonant.startswith("으"):
        return after_vowel
    return after_consonant if sound else after_vowel


# ---------------------------------------------------------------------------------------------
# Counters

# A bare count (quiz unit "count") counts things (개) unless the fact's quiz family says it
# counts something else; the data has no other field that says what is counted.
COUNTERS_BY_FAMILY = {
    "connection-attempts": "회",
    "max-retries": "회",
    "healthy-threshold": "회",  # consecutive health checks
    "unhealthy-threshold": "회",
    "min-rate-limit": "건",  # requests
    "sqs-visibility-multiplier": "배",
    "routing-weight": "",  # a weight is a plain number
}
THINGS = "개"
_NATIVE = {
    1: "한",
    2: "두",
    3: "세",
    4: "네",
    5: "다섯",
    6: "여섯",
    7: "일곱",
    8: "여덟",
    9: "아홉",
    10: "열",
}


def counter_for(family: str | None) -> str:
    """The counter word for a count of this quiz family: 회 for attempts and retries, 개 for things."""
    return COUNTERS_BY_FAMILY.get(family or "", THINGS)


def counted(number: str, counter: str) -> str:
    """A written count: the digits and the counter, no space ("3회", "5개", "10,000개")."""
    return f"{number}{counter}"


def in_words(count: int, counter: str) -> str:
    """A small count in native Korean words, as instructions spell it ("두 개", "세 번")."""
    if count not in _NATIVE:
        raise ValueError(f"no native Korean word for {count}")
    return f"{_NATIVE[count]} {counter}"
