"""Where a line may break and how wide text is, as libunistring 1.0 says (UAX #14).

Break opportunities: a line-break class per character and a 33×33 pair table (direct /
only after spaces / never), with libunistring's own tweaks (a break after "." or "/"
before a letter: ``reclaimyourface.|eu``, ``Greens/|EFA``), plus rules for spaces,
combining marks, ZW(J), regional indicators and Hebrew + hyphen. Widths: East Asian
Wide/Fullwidth count 2 columns, combining marks 0.

The tables are libunistring 1.0's (Unicode 14; gettext 0.21 links to it on Debian 12),
run-length encoded: a run is a class letter (``_LETTERS[k]`` for value ``k``) and the
hexadecimal distance from the previous run's start (left out when 1).
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Line-break classes, numbered as in libunistring's lbrktables.h; 0..32 index _PAIRS
# (rows: the class before the break, columns: the class after it).
(WJ, GL, B2, BA, BB, HY, CL, CP, CP2, EX, IN, NS, OP, OP2, QU, IS, NU, PO, PR, SY, AL, H2,
 H3, ID, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM) = range(33)
BK, CM, ZW, SP = 33, 36, 37, 38  # mandatory break, combining mark, zero width space, space
_HANGUL = 39  # precomposed Hangul syllables: H2 (LV) or H3 (LVT), computed
# CR and LF are folded into BK, AI/SA/XX into AL and CB into ID when the tables were
# made, as libunistring resolves them for a non-CJK encoding such as UTF-8.

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZghijklmnopqrstuvwxyz"

_LINEBREAK_RUNS = (
    "q0D9nq4s12JOUSRUOMHUSPFPTQPaU2J3UM1bSHUM1dDGUqn6qB1aMRSU3O5UDUR2SUE2UO6UM3UE208UE3UE12Uq20"
    "B4fqBcq7UdPeUq104U7PffDUS4UqD2dqUqU2qJ2qUi8U1bi4U4R16P3U2q2JbqJU3q2bQ15RaQU2q3UJ63UqU7q2U6"
    "q2U2qU4Q2Uaq17Uq1eU1bq5bUbQfUaq21U9P4JUq3SU2q16U4qU9qU3qU5q2bU3q3cU8q2aU18qU21q36U3qU12qU7"
    "qaD2Q2Uaq11U3q38UqU7q2U2q2U3q9UqaU2Q2UaR2U2R5USUq2Uq2U3q38UqU5q4U2q2U3q3UQ14qaU2q3UqbU3q38"
    "UqU8qU3qU3q14U2Q2UaSUq8U6qU3q38UqU7q2U2q2U3q7U3qaU2Q2Uaq12Uq3bU5q3U3qU4q9UQeUaS9Uq6U5q37Uq"
    "U7qU3qU4q7U2qbU2Q2UaE7Uq9E3Uq37UqU7qU3qU4q7U2qbU2Q2Uaq10U4q37U2qU7qU3qU4q9UqaU2Q2UaR9Uq7U3"
    "q46Uq4U6qUqU8Q6Uaq2U2S4bUQ10DaU2Q74UaE27U4EB2ED2BJB5UJUq3U2Q6UaDaqUqUqMGMGqU2q31DeqD5qU2q5"
    "UbqU24DU2q6UE9D2EUB5U2Q65DaU2Q44UaZ66g60h48U58q15dU3DUD9eUD27fUM1aGUD4eU3q24U4q1cD3U2q1bU2"
    "q1eU2D60L2UDUDSUQ4UaJ18D2E2UJU2qB3qQUaq6bU2q22Uq76Ucq4UcJ8Q2UaQ80Uaq3dU5q63QUaQ6Uaq16U1fq3"
    "1U5q2fU11QbDaU2DU4qaU9D9U2qU3q1eUdQ2Uaq2cUeq30U14D3Q5UaQ6UaD24U2q50U3qU15q4Uq6Uq2U3qc6U40E"
    "1fdUD2B7Dr3qkqD2BDC2UO3M2OM3OUK4D3nq2B5RU8OU2LU2P6MGLU3DcUDU4DA3Uq5UaMdGUMeGUS11R7SReSR4SR"
    "2SRSqfU21R12UR5UScUSfbU2KdbUM18GMGUXeU2NdGUXc5U4X20cU4X10U2X2UXl3XU2X19U3X2cUX16UX3dUcX4UX"
    "U3XU2X3U2X2UX2U3X8UX6U5Xl2XUX2U8X3l2U4O4dU6JX2UM3GMGMGMGMGMGMGUM4fGUM1fGMGMGMGMGUM193GMGMG"
    "MGMGMGMGMGMGMGMGUM3fGMGUM20GUq2f1U3J7DU3JDUD70UqeUq60O20DeU8DMDUO2U2O2M2GMGMGMGDJ4UDU2DU2C"
    "5D2U3DM2DU8DUDU2J3M2GMGMGMGDUX22U1aXU59XcUd6X1aUcD4GX2L2XN2GNGNGNGNGXN2GNGNGNGLNGX2qaX6q5X"
    "L5X2U3LXLXLXLXLXL19XL1fXLXLXL6XL6U2q2L2X4LX2LXLXLXLXL19XL1fXLXLXL6XL6X2L4X4UX5U2bXU5eXU54L"
    "cX10U1fXU28X8U1b70X40L5215XU477X3U37D37U2D10dJDUQ10Uaq45U4qUaq20U2q50U2DU5q10aUq3Uq4Uq17U5"
    "q4URbUE3bJ2U2q8U2q32U12D8Q2Uaq6U12EaUq2QUaq1cD8U2q17UdZcU1dq3U4q2fUeD6U3Q6UaQ16Uaq2fUeqcUq"
    "8U2Q2UaD3U3q8bD5U2q3U2qecD8qU2Q2Uat6U2ba4gcU17h4U31X2104U200i1dqiUaiUdiU5iUiU2iU2iUaG1eeMU"
    "RbcUq3P10GP2J2N2GKUq6X10N5GNGNGNGNGNGNGNGXN2GXG7XGULJ2X2NGNGNGXU8XSRXUA93UJXS2RXN2GXG2XGXL"
    "bX2J3XN1bXGXN1dXGXNGN2GL2XLXaL2dX2U1fX3U6X2U6X2U6X2U3R3SXS3U2q12X3UD103U3qfaUqe2Uq95U5D24U"
    "D30UQcfUaD3adUDc7Uqe1U3qU2q5U4q28U3q4UD10U8q8dU2D9K6UD42U7q1e4U4Q8Uaq171D2Uq98Ubq31U4q7aU3"
    "q35DfU2Q1dqaUq2U2qaU4q2dUbD3q4UQ2dUaq6U3q24UeQDaU4qU2q2cUEUqaU3q30UeD4U2DqU4qQ2UaEUDU3q4cD"
    "cU2DU2qUD6aUq35UcQ5Uaq6U4q37U2qU7q2U2q2U3q9UqaU2q2U7q3U5qc0U12D4U4QDaU2q2Uq51U14QcUaqd5U7q"
    "2E9DJ2U2D3Ufq4U2q52D11U2QdUaE6Udq3eUdQ8UaQ66UaD2U3qedUfQa5Uaq46U6qU2q2U4qUqD2U3Q9Uaq77U7q2"
    "U7EUqUq1cUaq28U7qE4UDE4UqUq9Ubq2eD10U3ED3U2q18cU8qU8DU5QaUaE16JUq20U16qUeq7aU6q3UqU2qU7qUQ"
    "8Uaq30U5qU2qU5Q8Uaq149U4Re6U4D1eUD470U5Mde3G3U3G24UM3GMGUMefGU2Bb4M7GUM1195GUQ2490UaD4U2Q5"
    "0Uaq26D5Uq3aD7U3DaUQbUaD33dU2qb6UqU37q7U4L4dB4UqbU2XeU17f8X8U300X200U9X22f7U123L2dU3L11U4X"
    "8U18cq9a1D2qU4q125cU2eq2U17q21eU5q3U16q2U7q1eU4q94U3Q589U32q200U37q4U32q8UqeUD2U4q10U5qUfq"
    "550U7qU11q2U7qU2qU5q105U7Q9Uaq164Uq3dQ4UaS5Uq5d0U7q6dU7Q5UaM4U2R34cUR3UX34fY2cX4Y64XcYfX2Y"
    "fXYfXY25UaXdU3X5dU3X3dYj38X1aY3XdY2cX4Y9X7Y2XeY6X9al85XU16X2U17X2U5Xl5X3l2Xl2X3m2eX5l42X2l"
    "2Xbl15X13l3Xl4X3lX3l7XlXUeXUXUXl5XU4XUX2U4dX7U10XeUdX18l2aX2l4Xl15Xl4X2U3dX8U18X6l4bX3l3U5"
    "O26L3U3X4l23Xl10X3l9XlbXYbX5Y10X3YdU3Y74UcX55Y4X7YcX4YUfYcU4Y38U8YaU6Y28U8Y1eX2Y2U4elcXl2X"
    "l8X8l6Xl9Xal2X3l38Xl3dX2lX2lXl11X3lXdU22Y54XcYeX2Y5X3Y5X3Y7X9Y1dX3YbX5l3Y3XaYaX6Y8l8Y7U9Qf"
    "0UaY6U3feX2UfffeX2Ufffeqa0003Uq1eU60q80Uf0"
)
_WIDTH_RUNS = (
    "A0B20A5fB21AdBA252B70A113B7A107B2dABAB2AB2ABA38B6AaBbABA2eB15A10BA65B8AB6A2B2AB4A21BABA1eB"
    "1bA5bBbA3aB9A9BA18B4AB9AB3AB5A2bB3A34B2A6B8A2aB39A37BABA4B8A4BA3B7AaB2A1dBA3aBA4B4A8BA14B2"
    "A1aBA2B2A39BA4B2A4B2A2B3A3BA1eB2A3BAbB2A39BA4B5AB2A4BA14B2A16B6ABA3aBA2BAB4A8BA7B2AbB2A1eB"
    "A3dBAcBA32BA3BA37BAB3A5B3AB4A7B2AbB2A1dBA3aBAfB2A14B2A1cB2A39B2A4B4A8BA14B2A1dBA48BA7B3ABA"
    "5aBA2B7AcB8A62BA2B9AbB6A4aB2A1bBABABA37BeAB5AB2A5BbAB24A9BA66B4AB6AB2A2B2A19B2A4B3A10B4AdB"
    "A2B2A6BAfBC62A60Ba0A15dB3A3b2B3A1dB2A1eB2A1eB2A40B2AB7A8BA2BbA9BA2dB5A75B2A22BA76B3A4B2A9B"
    "A6B3AdbB2A2BA3aBAB7ABABA2B8A6BaA2BA30B1fA31B4A30BAB5ABA5BA28B9AcB2A20B4A2B2AB3A38BAB2A3BAB"
    "3A3aB8A2B2A98B3ABdAB7A4BA6BA3B2Ac6B40A20bB5A1aB5A31B5ABaA60B21C229B2CdB2CbeB4C3BC2BC209B2C"
    "15B2C32BcC2bBC13BCdBC8B2C11B2C5B2C8BC5BC15BC7B2CBC4BC2BC7BC4B2C1cBC23BCBC4B3CBC3dB3C18BCeB"
    "C35bB2C33BC4BA199B3A8dBA60B20C80A1aaC4B11CA59C2B1adC8B1b70C40B56d0A19fB4ABaA20B2A50B2A110B"
    "A3BA4BA19B2A5BA97B2A1aB12AdBA26B8A19BbCeB1dA3B3A30BA2B4A2B2A27BA43B6A2B2A2B2AcBA8BA2fBA33B"
    "AB3A2B2A5B2ABA2aB2A8BAeeBA2BA4BC12B2ba4AcB17A4B31C2104B200A1eBA2e1C10A10C10B40A8fCB61C7fB7"
    "A12B3A201BAe2BA95B5A686B3AB2A5B4A28B3A4BAa5B2A23dB4A183B2A99BbA31B4A7bBA36BfA29BA2B2AaB3A3"
    "1B4A2B2A2BA4BAaBA32B3A24B5AB8A3eBAcB2A34B9AaB4A2BA5fB3A2BAB2A6BAa0BA3B8A15B2A39B2A3BA25B7A"
    "3B5Ac3B8A2B3ABA17BA54B6ABA4B2AB2AeeB4A6B2AB2A1bB2A55B8A2BAB2A6aBABA2B6ABA65B3A2B4AB5A103B9"
    "AB2A100B2ABA4BA90B4A2B2A4BA20B6A2B2A28B6A2B4A8BA9B6A2B3A2eBdAB2A196B7AB6A54B16A2B7AB2AB2A7"
    "aB6A3BAB2AB7ABA48B2A3BABA15bB2A153bB9A36b7B5A3bB7A418BA3fB4C4dA4BCbB2CeB17f8C8B4d6C2aB9C22"
    "e7B4CB7CB2CB123C2dB3C11B4C8B18cA9a1B2AB4A125cB2eA2B17A220B3A9B10A2B7A1eB4A94B3A7bbB37A4B32"
    "A8BAeBA16B5ABfA550B7AB11A2B7AB2AB5A105B7A177BA3dB4A5e0B7A6dB7C6b9BCcaBCbeBC2BaC65B121CcB9C"
    "B46CB16CcB2bC4B5CcB11C3BC3B47CBCBbbC2B3fCdB4CB18C12BC1aB2CdBC56B55C30B46C6BC3B3C2B3C5B3CbB"
    "2C7B9Ce3BcC4BC11bB2fCBaCBb9C70B5C3B5C3B7C9B1dC3BbC5B6CaBaC6B8C8B7C509B20000Aa0001BA1eB60A8"
    "0Bf0"
)
_PAIRS = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",
)


def _decode(runs: str) -> tuple[list[int], list[int]]:
    starts, values, at = [], [], 0
    for letter, delta in re.findall(r"([A-Zg-z])([0-9a-f]*)", runs):
        at += int(delta, 16) if delta else 1
        starts.append(at)
        values.append(_LETTERS.index(letter))
    return starts, values


class _Table(dict):
    """Character -> value, filled on first use from a run-length table."""

    def __init__(self, runs: tuple[str, ...], as_char: bool = False):
        super().__init__()
        self.starts, self.values = _decode("".join(runs))
        self.as_char = as_char  # keys are code points (for str.translate) if set

    def __missing__(self, key):
        code = key if self.as_char else ord(key)
        value = self.values[bisect_right(self.starts, code) - 1]
        if value == _HANGUL:
            value = H2 if (code - 0xAC00) % 28 == 0 else H3
        self[key] = chr(value) if self.as_char else value
        return self[key]


CLASSES = _Table(_LINEBREAK_RUNS)
WIDTHS = _Table(_WIDTH_RUNS, as_char=True)  # for str.translate: 0, 1 or 2 columns


def _char_class(table: _Table, keep) -> re.Pattern:
    """A regex character class of the BMP characters whose table value passes ``keep``
    (BMP only, so that re compiles it to a bitmap: a search costs ~10 ns a char)."""
    ends = table.starts[1:] + [0x110000]
    ranges = [(a, min(b, 0x10000) - 1) for a, b, v in zip(table.starts, ends, table.values)
              if keep(v) and a < 0x10000]
    return re.compile("[" + "".join(
        re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
        for a, b in ranges) + "]")


# BMP characters that are not one column wide; mandatory breaks (U+2028, U+0085…)
_ODD_WIDTH = _char_class(WIDTHS, lambda v: v != 1)
MANDATORY = _char_class(CLASSES, lambda v: v == BK)
_PAIR = bytes("PDI".index(ch) for row in _PAIRS for ch in row)  # [before * 33 + after]
_DIRECT, _INDIRECT = 1, 2
_PLAIN = frozenset(range(33)) - {ZWJ, RI}
# QUICK[before * 40 + after] is 0 when these two neighbours alone rule a break out
QUICK = bytes(
    0 if (a in (SP, ZW, BK) or (b in _PLAIN and (a in (CM, ZWJ) or (
        a in _PLAIN and _PAIR[b * 33 + a] != _DIRECT)))) else 1
    for b in range(40) for a in range(40))


def display_width(text: str) -> int:
    """Columns ``text`` takes in gettext's count (libunistring's ``uc_width``)."""
    if all_narrow(text):
        return len(text)
    return sum(text.translate(WIDTHS).encode())


def all_narrow(text: str) -> bool:
    """True if every character of ``text`` is one column wide (the usual case)."""
    if text.isascii():
        return text.isprintable()
    return _ODD_WIDTH.search(text) is None and max(text) < "\U00010000"


def can_break(text: str, i: int) -> bool:
    """libunistring's u8_possible_linebreaks before text[i], from the local context."""
    cls = CLASSES
    this, prev = cls[text[i]], cls[text[i - 1]]
    if this in (SP, ZW, BK):
        return False
    before, spaces = _class_before(text, i), prev == SP
    if this in (CM, ZWJ):
        return before != BK and (before == ZW or spaces)
    if before in (BK, ZW):
        return before == ZW
    if prev == ZWJ:
        return False
    if before == RI and this == RI:  # pairs of regional indicators (flags) stay whole
        j = i - 1
        while j >= 0 and cls[text[j]] == RI:
            j -= 1
        return spaces or (i - 1 - j) % 2 == 0
    if prev in (HY, BA) and i >= 2 and cls[text[i - 2]] == HL:
        return False
    pair = _PAIR[before * 33 + this]
    return pair == _DIRECT or (pair == _INDIRECT and spaces)


def _class_before(text: str, i: int) -> int:
    """The class a break before text[i] depends on: the last one before any spaces;
    combining marks take their base's class, or AL after a space or at the start."""
    cls = CLASSES
    j = i - 1
    while j >= 0 and cls[text[j]] == SP:
        j -= 1
    if j < 0:
        return BK
    if cls[text[j]] not in (CM, ZWJ):
        return cls[text[j]]
    while j >= 0 and cls[text[j]] in (CM, ZWJ):
        j -= 1
    return AL if j < 0 or cls[text[j]] in (SP, ZW, BK) else cls[text[j]]
