"""Turning bytes into text: encoding detection, newline normalisation, mojibake repair.

Order of attempts: BOM (UTF-8 / UTF-16 / UTF-32) -> strict UTF-8 -> Windows-1252 (the five bytes
cp1252 leaves undefined are read as Latin-1 control characters, so the fallback never fails).
When the cp1252 reading looks like another 8-bit script (long runs of accented Latin-1 letters,
typical of Cyrillic cp1251 or Greek text) charset-normalizer is asked for a better guess.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LATIN1_WORD = re.compile(r"\b[\u00c0-\u00ff]{3,}\b")


class DecodeError(ValueError):
    """The bytes are not text in any supported encoding (the message is the reason)."""


def _cp1252(data: bytes) -> str:
    if not any(b in _CP1252_UNDEFINED for b in data):
        return data.decode("cp1252")
    return "".join(chr(b) if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in data)


def _looks_like_other_codepage(text: str) -> bool:
    words = len(text.split()) or 1
    return len(_LATIN1_WORD.findall(text)) / words > 0.2


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns (text with ``\\n`` newlines, encoding name). Raises DecodeError."""
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None:
        if b"\x00" in data:
            raise DecodeError("binary file (NUL bytes)")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _cp1252(data), "cp1252"
            if _looks_like_other_codepage(text):
                guess = _charset_normalizer_guess(data)
                if guess:
                    text, encoding = guess
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"not valid text in any supported encoding ({encoding}: {exc.reason})"
            )
    text = normalise_newlines(text)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise DecodeError("not valid text in any supported encoding (control characters)")
    return text, encoding


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding


def normalise_newlines(text: str) -> str:
    """CRLF / CR / Unicode line and paragraph separators -> ``\\n``."""
    return (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n\n")
    )


# spaces of typography (no-break, narrow no-break, figure, thin, hair, ...): one character each,
# so offsets into the text stay where they were
_TYPOGRAPHIC_SPACES = str.maketrans(
    dict.fromkeys(
        "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f", " "
    )
)


def normalise_spaces(text: str) -> str:
    """Typographic spaces -> a plain space: "Jo\\u00a0Roe" is one name to the tagger and
    the people list, as "Jo Roe" is."""
    return text.translate(_TYPOGRAPHIC_SPACES)


# UTF-8 text that was once decoded as cp1252: "â€™" for "’", "Ã©" for "é", "Â£" for "£".
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u0081\u008d\u008f\u0090\u009d"
# (and C1 controls: the bytes 0x80-0x9f read as Latin-1, "Ã\x83Â§", as twice-encoded text has)
_CONT = "[\u0080-\u009f\u00a0-\u00bf" + _CP1252_HIGH + "]"
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}"
)


def _unmojibake(match: re.Match) -> str:
    s = match.group(0)
    raw = bytearray()
    for c in s:  # cp1252, with its five undefined bytes kept as Latin-1 controls
        try:
            raw += c.encode("cp1252")
        except UnicodeEncodeError:
            if ord(c) > 0xFF:
                return s
            raw.append(ord(c))
    try:
        fixed = bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return s
    return fixed


# mojibake that was Unicode-normalised afterwards (NFD/NFKD): "Ã±" stored as "A" + combining
# tilde + "±", "Ã¨" as "Ã" + space + combining diaeresis
_COMBINING = re.compile("[\u0300-\u036f]")
_SPACED_ACCENT = re.compile("([\u00c2-\u00f4]) ([\u0308\u0301\u0304\u0327])")
_SPACING_FORM = {"\u0308": "\u00a8", "\u0301": "\u00b4", "\u0304": "\u00af", "\u0327": "\u00b8"}


def _recompose(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return _SPACED_ACCENT.sub(lambda m: m.group(1) + _SPACING_FORM[m.group(2)], text)


def repair_mojibake(text: str) -> str:
    """Repair UTF-8-read-as-cp1252 sequences; a sequence is only replaced when it re-decodes as
    strict UTF-8, so ordinary accented text ("Méheut", "Â") is left alone. Text with combining
    marks is composed first (NFC), so mojibake normalised afterwards ("PeA\u0303\u00b1a") is
    found too."""
    if _COMBINING.search(text):
        text = _recompose(text)
    for _ in range(3):  # text encoded twice ("FranÃ\x83Â§ois") is repaired twice
        if not _MOJIBAKE.search(text):
            break
        fixed = _MOJIBAKE.sub(_unmojibake, text)
        if fixed == text:
            break
        text = fixed
    return text
