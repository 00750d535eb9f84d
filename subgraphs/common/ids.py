"""National identifiers: resident ID numbers (GB 11643-1999) and unified social credit
codes (GB 32100-2015), validated the way every department must, and generated for the
synthetic data.

Invalid identifiers raise :class:`InvalidIdentifier`, a ``GraphQLError`` whose message says
what is wrong and whose ``extensions.code`` is ``INVALID_ID_NUMBER`` or
``INVALID_CREDIT_CODE``: a resolver that lets it propagate gives the client a clear error
for that field instead of a crash.
"""

from __future__ import annotations

import datetime

from graphql import GraphQLError

# GB 11643-1999: weights 2^(17-i) mod 11, check character indexed by the sum mod 11
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: province-level codes of GB/T 2260 (first two digits of an administrative division code)
PROVINCE_CODES = frozenset(
    {
        *("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42"),
        *("43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"),
    }
)

# GB 32100-2015: 31 characters (no I, O, Z, S, V), weights 3^i mod 31
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUE = {c: i for i, c in enumerate(CREDIT_CHARSET)}
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714-1997 organization code (characters 9-17 of a credit code)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


class InvalidIdentifier(GraphQLError):
    def __init__(self, message: str, code: str, value: str) -> None:
        super().__init__(message, extensions={"code": code, "invalidValue": value})


# ----------------------------------------------------------------------------- resident ID


def id_check_digit(first17: str) -> str:
    """The 18th character of a resident ID number whose first 17 digits are ``first17``."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_number_problem(value: str) -> str | None:
    """Why ``value`` is not a valid resident ID number, or None when it is."""
    if len(value) != 18:
        return f"must have 18 characters, not {len(value)}"
    body, check = value[:17], value[17]
    if not body.isascii() or not body.isdigit():
        return "the first 17 characters must be digits"
    if check not in "0123456789X":
        return "the 18th character must be a digit or X"
    if body[:2] not in PROVINCE_CODES:
        return f"{body[:6]} is not an administrative division code (unknown province {body[:2]})"
    try:
        birth = datetime.date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    except ValueError:
        return f"{body[6:14]} is not a valid birth date"
    if birth.year < 1880 or birth > datetime.date.today():
        return f"birth date {birth.isoformat()} is out of range"
    expected = id_check_digit(body)
    if check != expected:
        return f"check digit is {check} but should be {expected} (GB 11643)"
    return None


def normalize_id_number(value: str) -> str:
    """A valid resident ID number in canonical form (upper-case X), or InvalidIdentifier."""
    if not isinstance(value, str):
        raise InvalidIdentifier("Invalid resident ID number: expected a string", "INVALID_ID_NUMBER", repr(value))
    canonical = value.strip().upper()
    problem = id_number_problem(canonical)
    if problem is not None:
        raise InvalidIdentifier(f'Invalid resident ID number "{value}": {problem}', "INVALID_ID_NUMBER", value)
    return canonical


def make_id_number(region: str, birth: datetime.date, sequence: int) -> str:
    """Region code (6 digits), birth date, sequence 0-999 (odd: male, even: female)."""
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + id_check_digit(body)


def gender_of(id_number: str) -> str:
    return "MALE" if int(id_number[16]) % 2 else "FEMALE"


# ----------------------------------------------------------------------------- credit code


def credit_check_character(first17: str) -> str:
    total = sum(_CREDIT_VALUE[c] * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def organization_code(body8: str) -> str:
    """GB 11714 organization code: 8 digits and their check character."""
    total = sum(int(c) * w for c, w in zip(body8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body8 + ("X" if check == 10 else "0" if check == 11 else str(check))


def credit_code_problem(value: str) -> str | None:
    if len(value) != 18:
        return f"must have 18 characters, not {len(value)}"
    bad = sorted({c for c in value if c not in _CREDIT_VALUE})
    if bad:
        return f"contains {', '.join(repr(c) for c in bad)}, not in the GB 32100 character set {CREDIT_CHARSET}"
    if not value[2:8].isdigit():
        return f"characters 3-8 must be an administrative division code, not {value[2:8]}"
    expected = credit_check_character(value[:17])
    if value[17] != expected:
        return f"check character is {value[17]} but should be {expected} (GB 32100)"
    return None


def normalize_credit_code(value: str) -> str:
    """A valid unified social credit code (upper case), or InvalidIdentifier."""
    if not isinstance(value, str):
        raise InvalidIdentifier("Invalid credit code: expected a string", "INVALID_CREDIT_CODE", repr(value))
    canonical = value.strip().upper()
    problem = credit_code_problem(canonical)
    if problem is not None:
        raise InvalidIdentifier(
            f'Invalid unified social credit code "{value}": {problem}', "INVALID_CREDIT_CODE", value
        )
    return canonical


def make_credit_code(region: str, org_body8: str, authority: str = "9", category: str = "1") -> str:
    """Registration authority (9: market regulation), category (1: enterprise), region, org code."""
    body = f"{authority}{category}{region}{organization_code(org_body8)}"
    return body + credit_check_character(body)
