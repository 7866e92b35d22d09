"""Which legacy code page a text export was written in, when it is neither UTF-8 nor UTF-16/32 with a BOM.

Windows PowerShell 5.1's ``Set-Content``, ``Add-Content`` and ``Export-Csv`` (and ``Out-File -Encoding
Default``) write the system's ANSI code page (cp1252 on a German or French server, cp1250 on a Polish or
Czech one, cp1251 on a Russian or Ukrainian one); text copied from a console window, or written with
``-Encoding Oem``, is in its OEM code page (cp437, cp850, cp866). No file says which:
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_character_encoding .

Why not a detection library: charset-normalizer (tried, 3.4) reads German cp1252 as cp850 and Polish
cp1250 as cp1252 on export-sized texts, where only a few words are not ASCII, because it weighs
whole-language statistics. The candidates here are six, and a wrong guess shows as characters no export
holds (box drawing, ``³`` inside a word, a Latin word made only of accented letters, Cyrillic mixed
into a Latin word), so each candidate's decoding is scored by those marks, the lowest wins, and a tie
(the same text, as German reads in cp1252 and cp1250) goes to the commoner page. The result is always
named in a note, so a wrong guess is visible.
"""

from __future__ import annotations

import re
import unicodedata

CANDIDATES = ("cp1252", "cp1250", "cp1251", "cp850", "cp437", "cp866")
"""In order of preference on a tie: the ANSI pages of Western, Central and Eastern Europe, then the OEM pages."""
OEM = ("cp850", "cp437", "cp866")
NAMES = {
    "cp1252": "Windows-1252 (ANSI, Western European)",
    "cp1250": "Windows-1250 (ANSI, Central European)",
    "cp1251": "Windows-1251 (ANSI, Cyrillic)",
    "cp850": "code page 850 (OEM console, Western European)",
    "cp437": "code page 437 (OEM console, US)",
    "cp866": "code page 866 (OEM console, Cyrillic)",
}
_WORD = re.compile(r"\w+", re.UNICODE)
_RARE = dict.fromkeys("ìÌðÐþÞĺĹŕŔ", 0.5)
"""Letters that one candidate makes of another's common ones: Czech ě read as cp1252 is ì, Slovak/Swedish
å read as cp1250 is ĺ; rare in the languages these servers speak, so a decoding full of them is doubted."""


def guess(raw: bytes) -> str | None:
    """The most plausible legacy code page of ``raw`` (one of ``CANDIDATES``), or None when none decodes it."""
    best: tuple[float, int, str] | None = None
    for rank, encoding in enumerate(CANDIDATES):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = implausibility(text)
        if best is None or (score, rank) < best[:2]:
            best = (score, rank, encoding)
    return best[2] if best else None


def implausibility(text: str) -> float:
    """How unlike an export's text ``text`` is: marks of a wrong code page, counted (0 for plain text)."""
    score = 0.0
    for char in text:
        if ord(char) < 128:
            continue
        category = unicodedata.category(char)
        if category.startswith("L"):
            score += _RARE.get(char, 0.0)
            continue
        if category in ("Pi", "Pf", "Pd", "Zs") or char in "€«»°§":
            score += 0.2  # quotes, dashes, no-break space: plausible in messages
        else:
            score += 1.0  # box drawing, symbols, superscripts, control characters
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {_script(c) for c in word if c.isalpha()}
        if len(scripts - {"ascii"}) > 1 or ("cyrillic" in scripts and "ascii" in scripts):
            score += 2.0  # Cyrillic inside a Latin word (or the other way round)
        elif scripts == {"latin"} and len(word) >= 3:
            score += 2.0  # a Latin word made only of accented letters: Cyrillic read as ANSI Latin
        if any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False)):
            score += 1.0  # "ÏðîâÅ": case that changes inside a word
    return score


def _script(char: str) -> str:
    if char.isascii():
        return "ascii"
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("GREEK"):
        return "greek"
    return "other"
