"""Field comparisons shared by the evaluations: numbers, sources, counted things, units.

Each rule is written out here once, so that every table that says "source accuracy" or
"counted accuracy" means the same thing.
"""

from __future__ import annotations

import math
import re
import unicodedata

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_ARTICLES = {"the", "a", "an"}
# Words after which a noun phrase's head has been given ("refugees in camps", "people who fled").
_AFTER_HEAD = {"of", "in", "on", "at", "for", "from", "with", "by", "to", "who", "which",
               "that", "per", "across", "over", "under", "since", "during", "near"}  # fmt: skip
# Surface forms of one unit, on both sides: the exported codes and an annotator's spelling.
UNIT_ALIASES = {
    "percent": ("%", "per cent", "percentage", "pct"),
    "USD": ("$", "US$", "dollar", "dollars"),
    "EUR": ("€", "euro", "euros"),
    "GBP": ("£", "pound sterling", "pounds sterling"),
    "JPY": ("¥", "yen"),
    "year": ("years", "yr"),
    "inch": ("in", "inches", "in."),
}
_UNIT_NAMES = {alias.lower(): name for name, aliases in UNIT_ALIASES.items()
               for alias in (name, *aliases)}


def prf(matched: int, predicted: int, gold: int) -> dict:
    """Precision, recall and F1 with the counts they come from."""
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "matched": matched,
            "predicted": predicted, "gold": gold}


def same_number(a: float | None, b: float | None) -> bool:
    """Equal within 1e-6 relative; two missing numbers are equal."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def words(text: str | None) -> list[str]:
    """Lower-case words, curly apostrophes read as straight ones."""
    return _WORD.findall((text or "").replace("’", "'").lower())


def same_source(ours: str | None, gold: str | None) -> bool:
    """One agent named twice. Names are compared as words, case-insensitively, without
    articles, a possessive 's or accents ("Iñaky" / "Inaky"), each word in the singular
    ("officials" / "official": one role phrase, in the number the sentence happens to use),
    a place and its adjective as one word ("Nigerian government" / "Government of Nigeria").
    Tolerated aliases: one name's words all among the other's ("Zelensky" / "President
    Volodymyr Zelensky", "Defense Department" / "US Defense Department"), initials ("NIS" /
    "National Intelligence Service"), and a contraction of the other's words, each cut to its
    opening letters, in order ("CentCom" / "U.S. Central Command"; only words of two letters
    or fewer, or "of", "and", "for", may be left out). A different word on both sides ("US
    official" / "Nigerian official") is a different source. Both missing is a match (the
    outlet asserts it)."""
    if not ours or not gold:
        return not ours and not gold
    a, b = _name_words(ours), _name_words(gold)
    if not a or not b:
        return a == b
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    return _initials(a) == "".join(b) or _initials(b) == "".join(a) or (
        len(a) == 1 and _contracts(a[0], b)) or (len(b) == 1 and _contracts(b[0], a))


def _name_words(name: str) -> list[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    found = [_place_root(singular(w.removesuffix("'s"))) for w in words(plain)]
    return [w for w in found if w not in _ARTICLES]


def _place_root(word: str) -> str:
    """A place and its people's adjective as one word ("Nigeria" / "Nigerian", "Mexico" /
    "Mexican", "Iran" / "Iranian"): a word of six letters or more loses "ese" and then its
    closing vowels and n, down to four letters. Shorter words are kept whole, so that two
    names ("Mario" / "Marion") stay apart."""
    if len(word) < 6:
        return word
    word = word.removesuffix("ese")
    while len(word) > 4 and word[-1] in "aeiouyn":
        word = word[:-1]
    return word


_SKIPPABLE = {"of", "and", "for"}


def _contracts(short: str, name: list[str]) -> bool:
    """``short`` is the opening letters of two or more of ``name``'s words, in order, the
    words left out being short ones ("centcom" from "u s central command")."""
    if len(short) < 4 or len(name) < 2:
        return False

    def fits(rest: str, at: int, used: int) -> bool:
        if not rest:
            return used >= 2 and all(len(w) <= 2 or w in _SKIPPABLE for w in name[at:])
        if at == len(name):
            return False
        word = name[at]
        if (len(word) <= 2 or word in _SKIPPABLE) and fits(rest, at + 1, used):
            return True
        return any(rest.startswith(word[:n]) and fits(rest[n:], at + 1, used + 1)
                   for n in range(1, min(len(word), len(rest)) + 1))

    return fits(short, 0, 0)


def _initials(name: list[str]) -> str:
    return "".join(w[0] for w in name if w not in ("of", "and", "for")) if len(name) > 1 else ""


def head_word(phrase: str | None) -> str | None:
    """The head of a counted noun phrase: its last word before a preposition or relative
    pronoun, singular ("refugees in camps" -> "refugee")."""
    found = words(phrase)
    cut = next((i for i, w in enumerate(found) if w in _AFTER_HEAD and i), len(found))
    return singular(found[cut - 1]) if cut else None


def singular(word: str) -> str:
    """A plain English plural reduced ("refugees" -> "refugee", "cities" -> "city")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def same_counted(ours: str | None, gold: str | None) -> bool:
    """The gold phrase's head word is among our phrase's words, both in singular ("Sudanese
    refugees" / "refugees": yes; "Sudanese" / "Sudanese refugees": no). Both missing matches."""
    if not ours or not gold:
        return not ours and not gold
    return head_word(gold) in {singular(w) for w in words(ours)}


def unit_name(unit: str | None) -> str | None:
    """One name per unit: exported codes and annotators' spellings ("%", "per cent")."""
    if unit is None or not unit.strip():
        return None
    return _UNIT_NAMES.get(unit.strip().lower(), unit.strip().lower())


def matching(predicted: list, gold: list, same) -> dict[int, int]:
    """A maximum one-to-one matching between two lists, as gold index -> predicted index;
    ``same(p, g)`` decides which pairs may be matched."""
    edges = [[g for g, wanted in enumerate(gold) if same(item, wanted)] for item in predicted]
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in edges[p]:
            if g not in seen:
                seen.add(g)
                if g not in owner or augment(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    for p in range(len(predicted)):
        augment(p, set())
    return owner
