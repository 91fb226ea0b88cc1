"""English strings of the suite found on Italian screens: what the Italian-screens test (tier 2) looks for.

Plain Python (no Odoo). The suite's own strings are the msgids of its translation files (``i18n/it.po``) that
have an Italian different from the English. Each is cut at its placeholders and punctuation into fragments
("%(record)s waits for you: %(actions)s" gives "waits for you"); a fragment is an English *term* unless every word
of it is also an Italian word of the vocabulary (the suite's Italian and Odoo's: "Budget", "Partner", "Target" are
Italian too) or the fragment reads inside an Italian text. A screen, a message or a printed page in Italian that
shows a term shows an untranslated string of the suite.
"""
import re

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# placeholders, markup and the punctuation that separates the parts of a message
SEPARATORS = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{[^}]*\}|<[^>]*>|&\w+;|[.:;!?()\[\]\"“”«»|—–/\\\n\t,=*+#@]+")
MIN_LETTERS = 3  # shorter words (of, to, no) are not told apart from Italian or from codes


def fragments(msgid):
    """The parts of `msgid` that are words, between placeholders, markup and punctuation."""
    parts = (" ".join(part.split()) for part in SEPARATORS.split(msgid))
    return [part for part in parts if any(len(word) >= MIN_LETTERS for word in WORD.findall(part))]


def vocabulary(texts):
    """The words (lower case) of Italian `texts`."""
    return {word.lower() for text in texts for word in WORD.findall(text)}


def english_terms(pairs, italian_texts=()):
    """Sorted English fragments of the (msgid, msgstr) `pairs` of the suite; `italian_texts`: more Italian (Odoo's
    translations) whose words are not English. A msgid left untranslated (no msgstr, or the msgid again: "Work
    package") gives its fragments that have an English word (one of the translated msgids that no Italian text has):
    the screen shows it as it is, in English; an Italian msgid ("Ministero dell'Interno") gives none."""
    translated = [(msgid, msgstr) for msgid, msgstr in pairs if msgid and msgstr and msgstr.strip() != msgid.strip()]
    untranslated = [msgid for msgid, msgstr in pairs if msgid and (not msgstr or msgstr.strip() == msgid.strip())]
    italian = [msgstr for _msgid, msgstr in translated] + list(italian_texts)
    words = vocabulary(italian)
    english_words = vocabulary(msgid for msgid, _msgstr in translated) - words
    joined = "\n".join(italian)
    terms = set()
    for msgid, _msgstr in translated:
        for fragment in fragments(msgid):
            if all(word.lower() in words for word in WORD.findall(fragment)) or fragment in joined:
                continue
            terms.add(fragment)
    for msgid in untranslated:
        for fragment in fragments(msgid):
            if not any(word.lower() in english_words for word in WORD.findall(fragment) if len(word) >= MIN_LETTERS):
                continue
            terms.add(fragment)
    return sorted(terms)


def pattern(terms):
    """One regular expression finding any of `terms` as whole words (longest first); Python and JavaScript read it
    alike."""
    alternatives = "|".join(re.escape(term).replace("\\ ", " ") for term in sorted(terms, key=len, reverse=True))
    return rf"(?<![^\W_])(?:{alternatives})(?![^\W_])" if alternatives else r"(?!x)x"


def find_english(text, terms_or_pattern):
    """[(term, the term with a little of its context)] of the terms found in `text`, in order."""
    regex = re.compile(terms_or_pattern if isinstance(terms_or_pattern, str) else pattern(terms_or_pattern))
    return [(match.group(0), text[max(0, match.start() - 30):match.end() + 30]) for match in regex.finditer(text)]
