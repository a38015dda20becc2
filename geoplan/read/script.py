"""Traditional characters read as simplified, character for character.

The gazetteer, the lexicons and the rules are written in simplified characters, as the region's plans are; a
text copied from a page in traditional characters (呼倫貝爾, 鄂爾多斯) names the same places.  :func:`simplified`
writes such a text in simplified characters with OpenCC's ``t2s`` conversion (Apache-2.0, the ``opencc``
package), one character for one, so every offset into it is an offset into the text as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache
from itertools import accumulate

#: the CJK unified ideographs (extension A and the basic block): the characters a conversion table covers.
_CJK = range(0x3400, 0xA000)


@cache
def _converter():
    import opencc  # noqa: PLC0415 - loaded only for a text that holds traditional characters

    return opencc.OpenCC("t2s")


@cache
def _table() -> tuple[re.Pattern[str], dict[int, str]]:
    """The characters only traditional writing has (one class), and each changed character's simplified form
    when it stands alone (於 -> 于; 乾 stays 乾)."""
    chars = [chr(code) for code in _CJK]
    converted = _converter().convert("\n".join(chars)).split("\n")
    table = {
        ord(char): simple
        for char, simple in zip(chars, converted, strict=True)
        if simple != char and len(simple) == 1
    }
    traditional = "".join(chr(code) for code in table if not is_simplified(chr(code)))
    return re.compile(f"[{traditional}]"), table


@lru_cache(maxsize=65536)
def is_simplified(char: str) -> bool:
    """Whether ``char`` is a character of simplified writing (GB 2312 holds it: 乾 of 乾安县, 於, 後 are both);
    remembered per character (a converted line asks it of each of its characters)."""
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a character only traditional writing has."""
    return _table()[0].search(text) is not None


def simplified(text: str) -> str:
    """``text`` with its traditional characters written as simplified, the same length (the text itself when it
    holds none).  Lines holding one are converted phrase by phrase (``發`` becomes ``发``, ``髮`` too); a character
    simplified writing also has changes only as it would alone (``於`` -> ``于``; 乾 of 乾安县 stays, where the
    phrase table writes 干); a line whose phrase conversion would change its length is converted character by
    character."""
    pattern, table = _table()
    first = pattern.search(text)
    if first is None:
        return text
    lines = text.split("\n")
    # the lines holding one, from one scan of the text on from the first (not a search per line)
    line_starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    holding = dict.fromkeys(
        bisect_right(line_starts, m.start()) - 1 for m in pattern.finditer(text, first.start())
    )
    for number in holding:
        line = lines[number]
        converted = _converter().convert(line)
        if len(converted) != len(line):
            lines[number] = _particles_simplified(line.translate(table))
            continue
        # most characters come out unchanged: only a changed one is asked whether simplified writing has it
        lines[number] = _particles_simplified(
            "".join(
                new if old != new and (not is_simplified(old) or table.get(ord(old), old) == new) else old
                for old, new in zip(line, converted, strict=True)
            )
        )
    return "\n".join(lines)


#: 著 where traditional writing uses it for the particle 着 ('標誌著', '隨著', '保留著'): everywhere but in the words
#: that read it zhù (著名, 显著, 名著, 土著 …); OpenCC's t2s keeps it, and the segmenter then takes '标志著珠斯花'
#: for one run of name characters.
_PARTICLE_ZHE = re.compile("(?<![显卓编论名原土合遗专巨昭撰译])著(?![名作称述录者书有])")


def _particles_simplified(line: str) -> str:
    """``line`` (converted from traditional writing) with its particle 著 written 着, the same length."""
    return _PARTICLE_ZHE.sub("着", line) if "著" in line else line


#: a pinyin gloss some pages print after a character, in brackets ('內(nèi)蒙古', '鎮(zhèn)'): lower-case letters with
#: at least one tone mark, right after a Han character (a bracketed year, route number or remark has none); and the
#: second dash of a doubled dash between two names ('海拉尔——满洲里'), which the rules read as one.
_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_DROPPED = re.compile(
    rf"(?<=[\u3400-\u9fff])[(（][a-zü]{{0,6}}[{_TONE_VOWELS}][a-zü]{{0,6}}[)）]"
    r"|(?<=[\u3400-\u9fff]—)—(?=[\u3400-\u9fff])"
)
#: dashes some pages write between names, read as the em dash ('伊敏――伊尔施'): one character for one.
_DASH_FORMS = str.maketrans({"\u2015": "—", "\u2500": "—"})
_OTHER_DASH = re.compile("[\u2015\u2500]")
#: a vowel with a tone mark: a text without one holds no gloss.
_TONE_MARK = re.compile(f"[{_TONE_VOWELS}]")


def compacted(text: str) -> tuple[str, list[int] | None]:
    """``text`` as the rules read it: other dashes as the em dash, without the pinyin glosses printed after its
    characters ('內(nèi)蒙古' -> '內蒙古') and with a doubled dash between names single; with, for each offset into
    the result (and its end), the offset into ``text`` it came from (None when only dashes changed, one for one)."""
    if _OTHER_DASH.search(text) is not None:  # (one scan for a character class: a plan has none)
        text = text.translate(_DASH_FORMS)
    if "——" not in text and _TONE_MARK.search(text) is None:
        return text, None
    first = _DROPPED.search(text)
    if first is None:
        return text, None
    pieces: list[str] = []
    origin: list[int] = []
    position = 0
    for dropped in _DROPPED.finditer(text, first.start()):
        pieces.append(text[position : dropped.start()])
        origin.extend(range(position, dropped.start()))
        position = dropped.end()
    pieces.append(text[position:])
    origin.extend(range(position, len(text) + 1))
    return "".join(pieces), origin
