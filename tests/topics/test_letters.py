"""Index letters: A-Z for Latin names, the plain initial consonant for Korean ones."""

import pytest

from topics.letters import initial, sort_key


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("placement group", "P"),
        ("Amazon DynamoDB", "D"),  # the vendor's name does not count
        ("AWS Lambda", "L"),
        ("AWS", "A"),
        ("배치 그룹", "ㅂ"),
        ("가용 영역", "ㄱ"),
        ("꼬리 지연", "ㄱ"),  # a tense consonant is filed with its plain one
        ("쓰기 샤딩", "ㅅ"),
        ("하이브리드", "ㅎ"),
        ("Amazon S3 버킷", "S"),
        ("3-2-1 backup", "#"),
    ],
)
def test_a_name_is_filed_under_its_letter(name, letter):
    assert initial(name) == letter


def test_korean_names_come_first_then_latin_ones_in_alphabetical_order():
    names = ["AWS Lambda", "장애 조치", "Amazon DynamoDB", "가용 영역", "배치 그룹", "access key"]
    assert sorted(names, key=sort_key) == [
        "가용 영역", "배치 그룹", "장애 조치", "access key", "Amazon DynamoDB", "AWS Lambda",
    ]  # fmt: skip
