"""GB 11643 resident ID numbers and GB 32100 unified social credit codes."""

from __future__ import annotations

import datetime

import pytest

from subgraphs.common.ids import (
    InvalidIdentifier,
    credit_check_character,
    id_check_digit,
    make_credit_code,
    make_id_number,
    normalize_credit_code,
    normalize_id_number,
)

# the examples printed in GB 11643-1999 itself
STANDARD_IDS = ["11010519491231002X", "440524188001010014"]
# published codes of well-known enterprises
REAL_CREDIT_CODES = ["914403001922038216", "91330100716105852F", "91440300708461136T", "91110000802100433B"]


@pytest.mark.parametrize("id_number", STANDARD_IDS)
def test_standard_examples_are_valid(id_number: str) -> None:
    assert normalize_id_number(id_number) == id_number
    assert id_check_digit(id_number[:17]) == id_number[17]


def test_lower_case_x_and_spaces_are_normalized() -> None:
    assert normalize_id_number(" 11010519491231002x ") == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("110105194912310029", "check digit is 9 but should be X (GB 11643)"),
        ("1101051949123100", "must have 18 characters, not 16"),
        ("11010519491231A02X", "the first 17 characters must be digits"),
        ("110105194902300023", "19490230 is not a valid birth date"),
        ("990105194912310021", "unknown province 99"),
        ("11010519491231002Y", "the 18th character must be a digit or X"),
    ],
)
def test_invalid_id_numbers_say_why(value: str, message: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalize_id_number(value)
    assert message in raised.value.message
    assert raised.value.extensions == {"code": "INVALID_ID_NUMBER", "invalidValue": value}


def test_future_birth_dates_are_rejected() -> None:
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(InvalidIdentifier, match="out of range"):
        normalize_id_number(make_id_number("110105", tomorrow, 1))


def test_generated_id_numbers_carry_gender_in_the_sequence() -> None:
    male = make_id_number("310104", datetime.date(1990, 5, 17), 123)
    female = make_id_number("310104", datetime.date(1990, 5, 17), 124)
    assert normalize_id_number(male) == male and int(male[16]) % 2 == 1
    assert normalize_id_number(female) == female and int(female[16]) % 2 == 0


@pytest.mark.parametrize("code", REAL_CREDIT_CODES)
def test_real_credit_codes_are_valid(code: str) -> None:
    assert normalize_credit_code(code) == code
    assert credit_check_character(code[:17]) == code[17]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("914403001922038217", "check character is 7 but should be 6 (GB 32100)"),
        ("91440300192203821", "must have 18 characters, not 17"),
        ("9144030019220382I6", "'I', not in the GB 32100 character set"),
        ("91ABCDEF1922038216", "administrative division code"),
    ],
)
def test_invalid_credit_codes_say_why(value: str, message: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalize_credit_code(value)
    assert message in raised.value.message
    assert raised.value.extensions["code"] == "INVALID_CREDIT_CODE"


def test_generated_credit_codes_embed_a_valid_organization_code() -> None:
    code = make_credit_code("110105", "12345678")
    assert normalize_credit_code(code) == code
    assert code[:8] == "91110105"
    # GB 11714: 3*1+7*2+9*3+10*4+5*5+8*6+4*7+2*8 = 201; 11 - 201 % 11 = 8
    assert code[8:17] == "123456788"
