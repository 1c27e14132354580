"""What a suggestion is about: its kind and the service elements it names.

Rules are data: the phrases of each element's themes live with the questionnaire's version
(`themes` in shared/questionnaires/skm-v1.json), and how citizens write (slang, negation, the
words of praise, complaint and proposal) in shared/questionnaires/suggestion-words.json, both in
Indonesian and English. No model, no dictionary with a licence to check: a phrase matches a word
from its start once a verb or noun prefix is taken off, so "bayar" finds "membayar" and
"pembayaran", and "antri" is read as "antre".

The kind: a complaint when anything is said to be wrong (a complaint with a proposal in the
same sentence is a complaint: it names the problem); else a proposal when something is asked
for; else praise; else `lainnya` ("-", "tidak ada", "ok"). Negation flips a word within two
words after it ("tidak ramah", "kurang cepat", "tidak ada pungli"); "lebih"/"makin" turn praise
into a wish ("semoga lebih cepat" proposes).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal, get_args

from shared.rules import questionnaire

Kind = Literal["keluhan", "saran", "pujian", "lainnya"]
KINDS: tuple[str, ...] = get_args(Kind)
ACTIONABLE = ("keluhan", "saran")  # what a plan answers
MAX_CHARS = 3000  # longer texts are read up to here: classification stays bounded
WINDOW = 2  # words after a negator that it reaches

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Label:
    kind: str
    elements: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()  # "U3:antrean": the element and the theme citizens raised


@dataclass(frozen=True)
class Lexicon:
    slang: dict[str, str]
    prefixes: tuple[str, ...]
    ignored: tuple[Phrase, ...]
    negators: frozenset[str]
    lacking: frozenset[str]  # negators that complain on their own too ("kursi kurang")
    neutralizers: frozenset[str]
    softeners: frozenset[str]
    polar: dict[Phrase, int]  # +1 praise, -1 complaint
    proposal: frozenset[Phrase]
    wishes: frozenset[Phrase]
    themes: dict[Phrase, frozenset[str]]  # phrase -> "U3:antrean", …
    words: frozenset[str]  # every word of every phrase
    first_words: dict[str, dict[str, tuple[Phrase, ...]]]  # group -> first word -> its phrases


def classify(text: str | None, version: int = 1) -> Label:
    """The kind, elements and themes of one suggestion (an empty one is `lainnya`)."""
    lexicon = _lexicon(version if version in _shipped() else questionnaire.CURRENT_VERSIONS["skm"])
    tokens = _tokens(text or "", lexicon)
    if not tokens:
        return Label("lainnya")
    hits = [_hits(token, lexicon) for token in tokens]
    found = {group: _matches(tokens, hits, firsts) for group, firsts in lexicon.first_words.items()}
    themes = sorted({theme for phrase in _longest_first(found["themes"]) for theme in lexicon.themes[phrase]})
    elements = tuple(sorted({theme.split(":")[0] for theme in themes}, key=questionnaire.code_order))
    return Label(_kind(tokens, found, lexicon), elements, tuple(themes))


def classify_response(doc: Mapping[str, Any]) -> Label:
    """A stored response's suggestion, by the rules of the SKM version it answered (the current
    one when it names none)."""
    version = (doc.get("questionnaires") or {}).get("skm") or questionnaire.CURRENT_VERSIONS["skm"]
    return classify(doc.get("suggestion"), version)


Found = dict[str, list[tuple[Phrase, int]]]  # group of phrases -> (phrase, start) found in a text


def _kind(tokens: list[str], found: Found, lexicon: Lexicon) -> str:
    complaint = praise = wishes = False
    reached = _negated_positions(tokens, lexicon)
    for phrase, start in found["polar"]:
        polarity = lexicon.polar[phrase]
        if start in reached["neutral"]:
            continue
        if start in reached["negated"] and phrase[0] not in lexicon.negators:
            polarity = -polarity
        if polarity > 0 and start in reached["softened"]:
            wishes = True
        elif polarity > 0:
            praise = True
        else:
            complaint = True
    complaint = complaint or _negated_topic(tokens, found, reached, lexicon.lacking)
    asks = bool(found["proposal"])
    wishes = wishes or bool(found["wishes"])
    if complaint:
        return "keluhan"
    if asks:
        return "saran"
    if praise:
        return "pujian"
    if wishes:
        return "saran"
    return "lainnya"


def _negated_positions(tokens: list[str], lexicon: Lexicon) -> dict[str, dict[int, int]]:
    """Positions a negator, a neutralizer ("jangan lama") or a softener ("lebih cepat") reaches,
    each with the position of the word that reaches it."""
    reached: dict[str, dict[int, int]] = {"negated": {}, "neutral": {}, "softened": {}}
    for at, token in enumerate(tokens):
        if token in lexicon.negators:
            kind, reach = "negated", WINDOW
        elif token in lexicon.neutralizers:
            kind, reach = "neutral", WINDOW
        elif token in lexicon.softeners:  # "lebih ramah dan cepat": a wish reaches a little further
            kind, reach = "softened", WINDOW + 1
        else:
            continue
        reached[kind].update(dict.fromkeys(range(at + 1, min(at + 1 + reach, len(tokens))), at))
    return reached


def _negated_topic(tokens: list[str], found: Found, reached: dict, lacking: frozenset[str]) -> bool:
    """ "tidak ada kursi", "kurang loket", "could not explain": a negator before an element's word
    that flips no judged word ("tidak dipungut biaya" praises), or "kurang" on its own ("kursi kurang")."""
    polar_starts = {start for _, start in found["polar"]}
    negated = reached["negated"]
    flipping = {negated[start] for start in polar_starts if start in negated}
    for _, start in found["themes"]:
        if start in negated and negated[start] not in flipping and start not in polar_starts:
            return True
    return any(token in lacking and (at + 1 not in polar_starts) for at, token in enumerate(tokens))


def _longest_first(matches: list[tuple[Phrase, int]]) -> list[Phrase]:
    """The phrases found, a longer one taking its words from a shorter one: "ruang tunggu" is the
    waiting room (U9), not waiting (U3)."""
    found: list[Phrase] = []
    taken: set[int] = set()
    for phrase, start in sorted(matches, key=lambda match: -len(match[0])):
        span = set(range(start, start + len(phrase)))
        if not span & taken:
            found.append(phrase)
            taken |= span
    return found


def _matches(
    tokens: list[str], hits: list[frozenset[str]], firsts: dict[str, tuple[Phrase, ...]]
) -> list[tuple[Phrase, int]]:
    """(phrase, start) for every phrase found in the text, looked up by its first word."""
    found = []
    for start, words in enumerate(hits):
        for word in words:
            for phrase in firsts.get(word, ()):
                end = start + len(phrase)
                if end <= len(tokens) and all(phrase[k] in hits[start + k] for k in range(1, len(phrase))):
                    found.append((phrase, start))
    return found


def _tokens(text: str, lexicon: Lexicon) -> list[str]:
    """Lower-case words, "lamaaa" as "lama", slang written out, "pelayanan nya" joined, "antri" as
    "antre"; the phrases of `ignored` ("salah satu") dropped."""
    lowered = re.sub(r"(.)\1{2,}", r"\1", text[:MAX_CHARS].lower())
    words: list[str] = []
    for word in re.findall(r"[^\W\d_]+|\d+", lowered):
        if word in ("nya", "ny") and words:
            words[-1] += "nya"
            continue
        word = lexicon.slang.get(word, word).replace("antri", "antre")
        words.extend(word.split())
    return _without(words, lexicon.ignored)


def _without(words: list[str], ignored: tuple[Phrase, ...]) -> list[str]:
    for phrase in ignored:
        size = len(phrase)
        at = 0
        while at <= len(words) - size:
            if tuple(words[at : at + size]) == phrase:
                del words[at : at + size]
            else:
                at += 1
    return words


def _hits(token: str, lexicon: Lexicon) -> frozenset[str]:
    return _word_hits(token, lexicon.prefixes, lexicon.words)


@lru_cache(maxsize=65536)
def _word_hits(token: str, prefixes: tuple[str, ...], words: frozenset[str]) -> frozenset[str]:
    """The lexicon's words this token is a form of: itself, or a word it starts with once a
    prefix is taken off ("pembayaran" -> "bayar"); words of three letters or fewer match whole."""
    bases = {token}
    bases.update(token[len(p) :] for p in prefixes if token.startswith(p) and len(token) - len(p) >= 3)
    if token.endswith("nya") and len(token) > 4:
        bases.add(token[:-3])
    return frozenset(
        word for word in words if word in bases or (len(word) >= 4 and any(base.startswith(word) for base in bases))
    )


@cache
def _shipped() -> frozenset[int]:
    return frozenset(form.version for form in questionnaire.versions("skm"))


@cache
def _lexicon(version: int) -> Lexicon:
    raw = json.loads(resources.files("shared.questionnaires").joinpath("suggestion-words.json").read_text("utf-8"))
    split = _phrase
    polar = {split(p): 1 for lang in raw["positive"].values() for p in lang}
    polar |= {split(p): -1 for lang in raw["negative"].values() for p in lang}
    themes: dict[Phrase, set[str]] = {}
    for item in questionnaire.load("skm", version).items:
        for theme in item.themes:
            for phrases in theme.phrases.values():
                for phrase in phrases:
                    themes.setdefault(split(phrase), set()).add(f"{item.code}:{theme.id}")
    proposal = frozenset(split(p) for lang in raw["proposal"].values() for p in lang)
    wishes = frozenset(split(p) for lang in raw["wishes"].values() for p in lang)
    every = [*polar, *proposal, *wishes, *themes]
    return Lexicon(
        slang=raw["slang"],
        prefixes=tuple(raw["prefixes"]),
        ignored=tuple(split(p) for p in raw["ignored"]),
        negators=frozenset(raw["negators"]),
        lacking=frozenset(raw["lacking"]),
        neutralizers=frozenset(raw["neutralizers"]),
        softeners=frozenset(raw["softeners"]),
        polar=polar,
        proposal=proposal,
        wishes=wishes,
        themes={phrase: frozenset(codes) for phrase, codes in themes.items()},
        words=frozenset(word for phrase in every for word in phrase),
        first_words={
            group: _by_first_word(phrases)
            for group, phrases in (("polar", polar), ("proposal", proposal), ("wishes", wishes), ("themes", themes))
        },
    )


def _by_first_word(phrases: Iterable[Phrase]) -> dict[str, tuple[Phrase, ...]]:
    grouped: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        grouped.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(group) for word, group in grouped.items()}


def _phrase(text: str) -> Phrase:
    return tuple(text.lower().replace("-", " ").replace("antri", "antre").split())
