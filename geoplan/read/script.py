"""Traditional characters read as simplified, character for character.

The gazetteer, the lexicons and the rules are written in simplified characters, as the region's plans are; a
text copied from a page in traditional characters (呼倫貝爾, 鄂爾多斯) names the same places.  :func:`simplified`
writes such a text in simplified characters with OpenCC's ``t2s`` conversion (Apache-2.0, the ``opencc``
package), one character for one, so every offset into it is an offset into the text as written.
"""

from __future__ import annotations

import re
from functools import cache

#: the CJK unified ideographs (extension A and the basic block): the characters a conversion table covers.
_CJK = range(0x3400, 0xA000)


@cache
def _converter():
    import opencc  # noqa: PLC0415 - loaded only for a text that holds traditional characters

    return opencc.OpenCC("t2s")


@cache
def _table() -> tuple[re.Pattern[str], dict[int, str]]:
    """The characters that simplified writing spells otherwise (one class), and each one's simplified form."""
    chars = [chr(code) for code in _CJK]
    converted = _converter().convert("\n".join(chars)).split("\n")
    table = {
        ord(char): simple
        for char, simple in zip(chars, converted, strict=True)
        if simple != char and len(simple) == 1
    }
    return re.compile("[" + "".join(map(chr, table)) + "]"), table


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a character that simplified writing spells otherwise."""
    return _table()[0].search(text) is not None


def simplified(text: str) -> str:
    """``text`` with its traditional characters written as simplified, the same length (the text itself when it
    holds none).  Lines holding one are converted phrase by phrase (``乾隆`` stays, ``乾燥`` becomes ``干燥``);
    a line whose phrase conversion would change its length is converted character by character."""
    pattern, table = _table()
    if pattern.search(text) is None:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if pattern.search(line) is None:
            continue
        converted = _converter().convert(line)
        lines[number] = converted if len(converted) == len(line) else line.translate(table)
    return "\n".join(lines)
