"""What a statement claims, read from its words alone, for a point's statements and an answer's
sentences alike: the subject it opens on, what it denies of a subject or rules out, the parallel
clauses it pairs things in, and whether it only names a thing and says it exists or what class it
is. The second look (pointcheck) weighs these against a rubric's points."""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal
from itertools import pairwise

from .analyze import tokenize
from .lexicon import ANTONYMS, SKLEARN_STOP_WORDS
from .negation import clause_term_sets, denials, infinitive, is_negator, punctuated_parts, ruled_out
from .sentence_form import is_name, opening_clause, says_no_more_than, verb_base, word_classes
from .spelling import COINED, COINING, english_words

Term = Callable[[str], str | None]
# (what only the one clause says, what only the other says, what both say): see parallel_pairs
Pairing = tuple[frozenset[str], frozenset[str], frozenset[str]]
# (the claim, what the statement says instead): see denied_claims
Claim = tuple[frozenset[str], frozenset[str]]
# (the opposite's term, the word's, the word as written, its opposite): see opposed_words
Opposed = tuple[str, str, str, str]
# (what is ranked first, whether it is denied that, the words that say so): see primacies
Primacy = tuple[frozenset[str], bool, str]
# (where from, where to, the words as written): see flows
Flow = tuple[frozenset[str], frozenset[str], str]
DENIED_TERMS = 2  # what a statement denies of its subject, in this many terms at least, is a claim to turn round
PAIRED_TERMS = 2  # terms each of two parallel clauses has of its own


def terms_of(words: Sequence[str], term: Term) -> frozenset[str]:
    """The terms of words as written ("The", "Pancreas", "Bentham's"): the analyzer's terms are
    of lower-case tokens, a possessive's without its "'s" (as the analyzer reads a text)."""
    return frozenset(t for w in words if (t := term(_POSSESSIVE.sub("", w.lower()))) is not None)


_POSSESSIVE = re.compile("['\u2019]s?$")


def named_in(words: Sequence[str], term: Term) -> frozenset[str]:
    """The terms of the words written as names (:func:`sentence_form.is_name`)."""
    return terms_of([w for w in words if is_name(w)], term)


def parallel_pairs(text: str, term: Term) -> list[Pairing]:
    """Each two clauses of ``text`` saying the same of two pairs of things ("oxidation happens at
    the anode and reduction happens at the cathode"): what only the one says, what only the other
    says (two terms at least each), and the terms both share."""
    clauses = items_joined(clause_term_sets(text, term))
    out = []
    for i, first in enumerate(clauses):
        for second in clauses[i + 1:]:
            both, one, other = first & second, first - second, second - first
            if both and len(one) >= PAIRED_TERMS and len(other) >= PAIRED_TERMS:
                out.append((one, other, both))
    return out


def items_joined(clauses: Sequence[frozenset[str]]) -> list[frozenset[str]]:
    """``clauses`` (term sets) with each run of one-term items of a list joined to the clause they
    lead into: "animal, plant and fungal cells are eukaryotic" is one clause, not three. A number
    alone qualifies what came before it: "the Statute of Labourers (1351)"."""
    out: list[frozenset[str]] = []
    held: frozenset[str] = frozenset()
    for clause in clauses:
        if len(clause) == 1 and out and not held and next(iter(clause)).isdigit():
            out[-1] |= clause
        elif len(clause) == 1:
            held |= clause
        else:
            out.append(held | clause)
            held = frozenset()
    if held:
        out.append(held)
    return out


def crossed(pairings: Sequence[Pairing], clauses: Sequence[frozenset[str]]) -> bool:
    """Whether two of ``clauses`` (an answer's, as term sets) say what two parallel clauses of a
    statement say, each with one thing of the one and one of the other: "reduction happens at the
    anode and oxidation happens at the cathode", for "oxidation happens at the anode and reduction
    ... cathode"; one of them at least saying what the two share."""
    for one, other, both in pairings:
        # what both share may go unsaid in the second ("animal and plant cells are prokaryotic,
        # while bacteria are eukaryotic"): one of the two says it
        mixed = [(c & one, c & other, bool(c & both)) for c in clauses if c & one and c & other]
        if any(a.isdisjoint(a2) and b.isdisjoint(b2) and (said or said2)
               for i, (a, b, said) in enumerate(mixed) for a2, b2, said2 in mixed[i + 1:]):
            return True
    return False


def may_cross(pairings: Sequence[Pairing], found: Collection[str]) -> bool:
    """Whether terms ``found`` in an answer could cross one of ``pairings`` (two of each side and
    one they share): most cannot, and their clauses need not be read."""
    return any(len(one.intersection(found)) >= PAIRED_TERMS and len(other.intersection(found)) >= PAIRED_TERMS
               and not both.isdisjoint(found) for one, other, both in pairings)


def flows(text: str, term: Term) -> tuple[Flow, ...]:
    """Each movement ``text`` states from one place to another, by its prepositions: where from
    ("out of the cell", "away from the digestive system") and where to ("into the salt solution",
    "to the working muscles"), as terms, each place's own (what both name is neither's: "from a
    dilute to a concentrated solution"). "to" is a place only beside a "from" ("from X to Y", "out
    of X to Y"): alone it opens an infinitive as often as a place."""
    out = []
    for tokens in punctuated_parts(text):
        marks = [(k, width, way) for k in range(len(tokens)) for width, way in [_flow_mark(tokens, k)] if width]
        if "from" not in tokens:   # "out of RAM to virtual memory" as "from ... to", not "out of the cell to dilute it"
            marks = [(k, width, way) for k, width, way in marks if way != "to" or (
                any(w == "from" for _, _, w in marks) and not infinitive(tokens, k))]
        if not marks:
            continue
        places: dict[str, set[str]] = {"from": set(), "to": set()}
        end = 0
        for (k, width, way), (after, _, _) in zip(marks, [*marks[1:], (len(tokens), 0, "")]):
            end = next((j for j in range(k + width, after) if tokens[j] in _PLACE_END), after)
            places["from" if way == "from" else "to"] |= terms_of(tokens[k + width:end], term)
        source, goal = places["from"] - places["to"], places["to"] - places["from"]
        if source or goal:
            out.append((frozenset(source), frozenset(goal), " ".join(tokens[marks[0][0]:end])))
    return tuple(out)


def _flow_mark(tokens: Sequence[str], k: int) -> tuple[int, str]:
    """(its width in tokens, "from" or "to"; or "into") of a preposition of movement at ``k``; (0, "") for none."""
    tok, after = tokens[k], tokens[k + 1] if k + 1 < len(tokens) else ""
    if (tok, after) in (("out", "of"), ("away", "from")):
        return 2, "from"
    if tok == "from" and not (k and tokens[k - 1] == "away") and not after.endswith("ing"):  # "from reaching"
        return 1, "from"
    if tok in ("into", "onto", "towards"):
        return 1, "into"
    return (1, "to") if tok == "to" else (0, "")


# what ends a place named after a preposition of movement: a clause's end, another setting
_PLACE_END = frozenset("and but so because which who where when while as by with for during at in on than "
                       "although whereas if through via it he she they we i you there this".split())


def flow_turned(mine: Sequence[Flow], theirs: Sequence[Flow]) -> str | None:
    """The words of an answer's movement that goes the other way from one of the point's: from
    where the point has it go to, or to where it has it come from, and nowhere the point agrees
    ("Water moves into the cell from the salt solution", for "Water moves out of the cell into
    the salt solution"); None when none does."""
    for their_source, their_goal, words in theirs:
        if any(not their_source.isdisjoint(goal) or not their_goal.isdisjoint(source) for source, goal, _ in mine) \
                and all(their_source.isdisjoint(source) and their_goal.isdisjoint(goal) for source, goal, _ in mine):
            return words
    return None


def denied_claims(text: str, term: Term, key: frozenset[str]) -> tuple[Claim, ...]:
    """(the claim, what the text says instead) of each denial in ``text`` that makes a claim to
    turn round: the subject of a denial with one and what it denies of it ("Sodium | is not
    produced at the cathode"), with nothing instead; and an alternative the text rules out
    ("rather than by winning a majority"), with the ``key`` terms of what it says instead
    ("through a backstairs deal")."""
    of_subjects: list[Claim] = [(subject | denied, frozenset()) for subject, denied in denials(text, term)
                                if subject and len(denied) >= DENIED_TERMS]
    alternatives = [(said, (instead & key) - said) for said, instead in ruled_out(text, term)
                    if len(said) >= DENIED_TERMS]
    return tuple(of_subjects + alternatives)


# What ranks one thing first among the causes, reasons or factors a question weighs ("the main
# reason", "the most important factor"): what a judgement says of one thing, or denies it. Not
# "a key factor" or "a major cause", one of several.
_FIRST = frozenset("main chief primary principal biggest greatest decisive".split())
_MOST = frozenset("important significant".split())
_RANKED = frozenset("reason reasons cause causes factor factors motive motives explanation".split())
_BE_FORMS = frozenset("is are was were".split())
_BE = _BE_FORMS | frozenset("be been isn't aren't wasn't weren't isnt arent wasnt werent".split())
_INSTEAD = frozenset("rather instead".split())  # "a background cause rather than the main reason"
_CUE_REACH = 3  # words before the ranking in which a cue denies it ("was not really the main reason")


def primacies(text: str, term: Term) -> tuple[Primacy, ...]:
    """Each thing ``text`` ranks first among the reasons, or says is not first, with whether it
    denies it and the words that say so: "The Treaty | was not | the main reason" gives the
    Treaty's terms, True and "not the main reason"; "The main reason was | the Depression" the
    Depression's. A subject with no terms ("it was the main reason") is the one the text opens on."""
    out = []
    for tokens in punctuated_parts(text):
        for k, tok in enumerate(tokens):
            end = k + 1 if tok in _FIRST else k + 2 if tok == "most" and tokens[k + 1:k + 2] and \
                tokens[k + 1] in _MOST else 0
            role = next((i for i in range(end, end + 2) if i < len(tokens) and tokens[i] in _RANKED), 0) if end else 0
            if not role:
                continue
            cues = [i for i in range(max(0, k - _CUE_REACH), k) if _denies_rank(tokens[i])]
            be_before = [i for i in range(k) if tokens[i] in _BE]
            be_after = [i for i in range(role, len(tokens)) if tokens[i] in _BE]
            # "X was (not) the main reason", else "the main reason was X"
            subject = tokens[:be_before[-1]] if be_before else tokens[be_after[0] + 1:] if be_after else []
            said = terms_of(subject, term) or terms_of(opening_clause(text)[0], term)
            opens = cues[0] if cues else k - 1 if tokens[k - 1:k] in (["the"], ["a"]) else k
            out.append((said, bool(cues), " ".join(tokens[opens:role + 1])))
    return tuple(out)


def _denies_rank(token: str) -> bool:
    return is_negator(token) or token in _INSTEAD


def primacy_turned(mine: Sequence[Primacy], theirs: Sequence[Primacy]) -> tuple[str, str] | None:
    """(the answer's words, the point's) where the answer ranks first what the point says is not
    first, or the reverse, of the same thing ("the main reason" for "not the main reason"), and
    never as the point does; else None."""
    def same(a: Primacy, b: Primacy) -> bool:
        return not a[0].isdisjoint(b[0])

    turned = [(t[2], m[2]) for m in mine for t in theirs if t[1] != m[1] and same(m, t)]
    if not turned or any(t[1] == m[1] and same(m, t) for m in mine for t in theirs):
        return None
    return turned[0]


# The prefixes that make an adjective its opposite ("fertile", "infertile"; "stable", "unstable").
_NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")
_NOT_DESCRIBING = frozenset({"VERB", "ADP"})  # "discover", "inside": no opposite of an adjective
# Adjectives with such a prefix that are no opposite of the rest ("invaluable" is very valuable).
_FALSE_OPPOSITES = frozenset("infamous intense indifferent invaluable immediate uncanny unassuming unearthly "
                             "unbecoming undying impending informative inflammable inside inbound informed immigrant "
                             "inhuman insane inhabitable inborn inmost unlike unwell".split())


_NOT_TURNED = frozenset({"help", "thank"})  # stems whose "-less" is no lack of the "-ful" ("helpless")
# Verbs that "dis" or "un" turn round ("trust", "distrust"; "roll", "unroll"), but for these, whose
# prefix is no reversal ("discover" is no undoing of "cover", nor "dissolve" of "solve").
_REVERSING = ("dis", "un")
_NOT_REVERSED = frozenset((
    "discharge disclose discount discover disgrace disgust dismantle dismiss dispatch displace display "
    "dispose dissent dissolve distend uncover unearth unleash unravel"
).split())


def opposites(word: str) -> tuple[str, ...]:
    """The adjectives that say the opposite of ``word`` (lower case) by a negative prefix, either
    way: "fertile" gives "infertile", "unstable" gives "stable"; or by "-less" for "-ful" ("harmful",
    "harmless"). Both must be English adjectives, the prefixed one no verb or preposition too (not
    "discover", "inside"). A verb is turned round by "dis" or "un" (:func:`_reversed`)."""
    if "ADJ" not in word_classes(word):
        return _reversed(word) if "VERB" in word_classes(word) else ()
    out: list[str] = []
    for prefix in _NEGATIVE_PREFIXES:
        if word.startswith(prefix) and _negates(word, word[len(prefix):]):
            out.append(word[len(prefix):])
        if _negates(prefix + word, word):
            out.append(prefix + word)
    if not any(word.startswith(prefix) and word[len(prefix):] in out for prefix in _NEGATIVE_PREFIXES):
        out += [prefix + word for prefix in COINING if _coined(prefix + word, word)]  # not "uninfertile"
    # "-ful" and "-less" on one stem: "harmful", "harmless"; "useful", "useless" (not "helpless")
    for suffix, other in (("ful", "less"), ("less", "ful")):
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and stem not in _NOT_TURNED and _negates(turned := stem + other, word):
            out.append(turned)
    return tuple(out)


def _reversed(verb: str) -> tuple[str, ...]:
    """The verbs that undo ``verb`` by "dis" or "un", either way ("believe", "disbelieve"; "unroll",
    "roll"): both words verbs of the dictionary, the base of four letters or more."""
    def reverses(prefixed: str, base: str) -> bool:
        return (len(base) >= 4 and verb_base(prefixed) not in _NOT_REVERSED and prefixed in english_words()
                and base in english_words() and "VERB" in word_classes(prefixed) and "VERB" in word_classes(base))
    return tuple([verb[len(p):] for p in _REVERSING if verb.startswith(p) and reverses(verb, verb[len(p):])]
                 + [p + verb for p in _REVERSING if reverses(p + verb, verb)])


# (only "un" and "non" coin a denial of any adjective, in a word no dictionary holds: "unrenewable")
def _coined(prefixed: str, base: str) -> bool:
    return len(base) >= COINED and prefixed not in english_words() and base in english_words() \
        and "ADJ" in word_classes(base) and _NOT_DESCRIBING.isdisjoint(word_classes(base))


def _negates(prefixed: str, base: str) -> bool:
    return (len(base) >= 4 and prefixed not in _FALSE_OPPOSITES and prefixed in english_words()
            and base in english_words() and "ADJ" in word_classes(prefixed) and _NOT_DESCRIBING.isdisjoint(
                word_classes(prefixed)) and "ADJ" in word_classes(base))


def opposed_words(statements: Sequence[str], polarity: Sequence[dict[str, bool]], term: Term
                  ) -> tuple[Opposed, ...]:
    """(the opposite's term, the word's term, the word, its opposite) for each adjective the
    ``statements`` of a point say positively (``polarity``: each one's terms, negated or not)
    whose opposite (:func:`opposites`) none of them uses: "infertile" for "fertile soil"."""
    used = set().union(*polarity)
    antonyms = _antonyms(term)
    out: dict[str, Opposed] = {}
    for text, said in zip(statements, polarity):
        tokens = tokenize(text)
        # "less reliable" says what "unreliable" does: its opposite is no opposite of the point
        turned = {w for before, w in pairwise(tokens) if before == "less"}
        for word in dict.fromkeys(tokens):
            own = term(word)
            if own is None or said.get(own, True) or word in turned:
                continue
            for other in (*opposites(word), *antonyms.get(own, ())):
                if (theirs := term(other)) is not None and theirs not in used and theirs != own:
                    out.setdefault(theirs, (theirs, own, word, other))
    return tuple(out.values())


def _antonyms(term: Term) -> dict[str, tuple[str, ...]]:
    """{a word's term: the words that say its opposite} for :data:`lexicon.ANTONYMS`, both ways."""
    out: dict[str, tuple[str, ...]] = {}
    for a, b in ANTONYMS:
        for word, other in ((a, b), (b, a)):
            if (own := term(word)) is not None:
                out[own] = (*out.get(own, ()), other)
    return out


def subjects_told_apart(texts: Sequence[str], term: Term, key: Sequence[frozenset[str]],
                        compared: frozenset[str] = frozenset()) -> list[tuple[frozenset[str], str]]:
    """For each of ``texts`` (a rubric's points) whose subject is no name, the ``key`` terms of its
    subject that tell it from the other points' different subjects ("the right ventricle" from "the
    left ventricle": right; "positive lead ions" from "negative bromide ions": positive, lead), with
    the subject as written; empty where none do, where no other point's subject is of the same kind
    (shares a term), or where the subject is a name (:func:`subject_named`). Things the question
    sets side by side (``compared``: its terms) are of one kind: "Diamond" is told from "Graphite"
    in "Explain why diamond and graphite have different properties"."""
    written = [opening_clause(t)[0] for t in texts]
    subjects = [terms_of(words, term) & k for words, k in zip(written, key)]
    out = []
    for i, (words, own) in enumerate(zip(written, subjects)):
        shared = set().union(*(own & other for j, other in enumerate(subjects) if j != i and other != own))
        if own and own <= compared and any(
                other and other <= compared and other.isdisjoint(own) for j, other in enumerate(subjects) if j != i):
            told = own   # the question's things compared, each a subject of its own points
        else:
            told = own - shared if shared and not named_in(words, term) else frozenset()  # no kind shared: no role
        out.append((frozenset(told), as_named(words) if told else ""))
    return out


def subject_named(text: str, term: Term, key: frozenset[str]) -> tuple[frozenset[str], str]:
    """The ``key`` terms of the name ``text`` opens on as its subject ("Gerald", "Mr Birling"), and
    that subject as a reason names it ("Gerald, like the older Birlings, goes back ..." gives
    "Gerald"); empty when its subject is no name ("The government", "Statues"), which an answer
    may well call by another ("the USSR")."""
    words = opening_clause(text)[0]
    actor = named_in(words, term) & key
    if not actor:
        return frozenset(), ""
    return actor, as_named(words)


def named_objects(text: str, term: Term, actor: frozenset[str]) -> frozenset[str]:
    """The terms of the names ``text``'s first clause acts on, its subject ``actor`` aside ("Romeo
    chooses to kill Tybalt in revenge for Mercutio's death": Tybalt, Mercutio); none after "by",
    which names who acts."""
    if not actor:
        return frozenset()
    return acted_on_names(opening_clause(text)[1], term) - actor


def acted_on_names(clause: Sequence[str], term: Term) -> frozenset[str]:
    """The terms of the names a clause (what follows its subject) acts on: those before any "by",
    after which a name is the one acting ("is killed by Romeo")."""
    return named_in(clause[:clause.index("by")] if "by" in clause else clause, term)


def as_named(words: Sequence[str]) -> str:
    """A subject as a reason names it, mid-sentence: its opening function word in lower case
    ("the USSR", "Mr Birling")."""
    first, *rest = words
    return " ".join([first.lower() if first.lower() in SKLEARN_STOP_WORDS else first, *rest])



def only_classed(text: str, key: Collection[str], classes: Collection[str], term: Term, idle: frozenset[str]) -> bool:
    """Whether ``text`` opens on the ``key`` terms and says of them only that they are one of
    ``classes`` (words most points use, empty predicates), with no verb but "be" ("Goebbels was a
    Nazi."); ``idle``: the empty predicates as written."""
    subject, said = opening_clause(text)
    if not subject or not said or said[0].lower() not in _BE_FORMS:
        return False
    told = terms_of(said, term)
    return set(key) <= terms_of(subject, term) and bool(told) and told <= set(classes) \
        and says_no_more_than(" ".join(said[1:]), idle)


def one_name(key: Collection[str], text: str, term: Term) -> bool:
    """Whether ``text`` writes the ``key`` terms as one name, word after word ("Article 48",
    "the Great Terror"), not as a thing and what it says of it ("a purge of the army")."""
    terms = [term(tok) for tok in tokenize(text)]
    return any(set(terms[i:i + len(key)]) == set(key) for i in range(len(terms) - len(key) + 1))


# A number's scale written after it, as a word or run on to it ("235bn", "6 million").
_SCALE_OF = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALES = frozenset(_SCALE_OF)
_RUN_ON = {"bn": "billion", "k": "thousand"}
_MILLIONS_OR_METRES = "m"  # run on to a number ("16m shares", "a 40m wave"): read both ways
_NUMERAL = re.compile(r"([0-9]+(?:p[0-9]+)?)([a-z]*)")
_THOUSANDS = re.compile(r"(\d),(\d{3})\b")          # "6,000": one number
_DECIMAL = re.compile(r"(\d)\.(\d)")                  # "12.6": one token, "12p6", read as 12.6
_PERCENT = re.compile(r"\s*%")
_NUMBER_REACH = 3  # words either side of a number in which what it counts is named
_NUMBER_BREAK = frozenset("and or but so because while whereas".split())  # what it counts is in its own clause


def _numeral(token: str, folded: str | None) -> str | None:
    """The number a token (``folded``: its term) says: digits, a number word the analyzer folds to
    digits, or digits with a scale run on to them ("5k"; the tokenizer sets "bn" apart, read by
    :func:`numbers_said`), or a year, marked as one ("1929 year": compared only with years); None
    for an ordinal or a decade (written many ways: "the 1st of December", "the twenties"), or no
    number."""
    found = _NUMERAL.fullmatch(token)
    if found is None:
        return folded if folded is not None and folded.isdigit() else None
    digits, rest = found.groups()
    if rest in ("st", "nd", "rd", "th", "s"):
        return None
    if digits.isdigit() and len(digits) == 4 and 1000 <= int(digits) <= 2099 and not rest:
        return f"{digits} {YEAR}"
    return f"{digits} {_RUN_ON[rest]}" if rest in _RUN_ON else digits


_TENS = frozenset(str(n) for n in range(20, 100, 10))
_UNITS = frozenset(str(n) for n in range(1, 10))


def numbers_said(text: str, term: Term) -> frozenset[tuple[str, str]]:
    """Each number ``text`` gives, with a scale after it ("6 million"), paired with the nearest
    noun before and after it in its clause, which names what it counts ("magnitude 9": ("9",
    "magnitud")), and with "" (so that every number it gives is among them)."""
    out: set[tuple[str, str]] = set()
    text = _PERCENT.sub(" percent", _DECIMAL.sub(r"\1p\2", _THOUSANDS.sub(r"\1\2", text)))
    for part in punctuated_parts(text):
        terms = [term(tok) for tok in part]
        at = 0
        while at < len(part):
            number = _numeral(part[at], terms[at])
            if number is None:
                at += 1
                continue
            end = at
            if part[at].isalpha() and number in _TENS and at + 1 < len(part) and part[at + 1].isalpha() \
                    and (unit := "1" if part[at + 1] == "one" else terms[at + 1] or "") in _UNITS:
                number, end = str(int(number) + int(unit)), at + 1   # "thirty-nine", "twenty one"
            while end + 1 < len(part) and (part[end + 1] in _SCALES or part[end + 1] in _RUN_ON):
                end += 1
                number += f" {_RUN_ON.get(part[end], part[end])}"   # "235bn" is read "235 bn"
            if part[end + 1:end + 2] == ["percent"] or part[end + 1:end + 3] == ["per", "cent"]:
                end += 1 if part[end + 1] == "percent" else 2
                number += " percent"   # a share, compared only with shares
            readings = (number, f"{number} million") if part[end + 1:end + 2] == [_MILLIONS_OR_METRES] \
                and number == part[at] else (number,)
            out.update((reading, "") for reading in readings)
            for before, near in ((True, range(at - 1, max(-1, at - 1 - _NUMBER_REACH), -1)),
                                 (False, range(end + 1, min(len(part), end + 1 + _NUMBER_REACH)))):
                for k in near:
                    counted = terms[k]
                    if part[k][:1].isdigit() or (counted or "").isdigit() or part[k] in _NUMBER_BREAK:
                        break   # another number's, or another clause's
                    if counted is None or part[k] in _SCALES:
                        continue
                    if "NOUN" in word_classes(part[k]):
                        out.update((reading, counted) for reading in readings)   # a thing ("20,000 soldiers")
                        break
                    if before:
                        break   # what does something to a number is no name for it ("the army suffered 400,000")
            at = end + 1
    return frozenset(out)


YEAR = "year"  # the mark of a year among the numbers a text gives


def _kind(number: str) -> str:
    """What a number is, of those compared only with their own kind: a share, a year, or a count."""
    last = number.rpartition(" ")[2]
    return last if last in ("percent", YEAR) else ""


def number_swapped(mine: Collection[tuple[str, str]], theirs: Collection[tuple[str, str]],
                   others: Collection[tuple[str, str]] = ()) -> tuple[str, str] | None:
    """(the number ``theirs`` gives, the point's) when ``theirs`` (a sentence's :func:`numbers_said`)
    counts a thing the point counts (``mine``) with another number of its kind (a share or a
    count), giving the point's nowhere, while the point gives its number nowhere ("magnitude 6"
    for "magnitude 9"); None otherwise, and for a number another point gives the same thing
    (``others``: "in stage 2 ..." is about the point on stage 2, not a wrong stage 3)."""
    given, said = {n for n, _ in mine}, {n for n, _ in theirs}
    for number, counted in sorted(theirs):
        if not counted or _among(number, given) or any(c == counted and _same(n, number) for n, c in others):
            continue
        for point_number, point_counted in sorted(mine):
            if point_counted == counted and not _among(point_number, said) and _kind(point_number) == _kind(number):
                return number, point_number
    return None


def _value(number: str) -> tuple[Decimal, Decimal]:
    """What a number of :func:`numbers_said` is worth, and the unit it was written to: "9 thousand"
    is (9000, 1000), "12p6" (12.6, 0.1), "6000" (6000, 1000)."""
    written, *words = number.split()
    whole, _, decimals = written.partition("p")
    scale = Decimal(1)
    for word in words:
        scale *= _SCALE_OF.get(word, 1)
    if decimals:
        return Decimal(written.replace("p", ".")) * scale, scale / 10 ** len(decimals)
    return Decimal(whole) * scale, scale * 10 ** (len(whole) - len(whole.rstrip("0")))


def _same(one: str, other: str) -> bool:
    """Whether two numbers of a kind say the same: one value ("9 thousand", "9000"), or a
    decimal that rounds to the other as it is written ("84p6 percent", "85 percent"; "5p9
    million", "6 million")."""
    if _kind(one) != _kind(other):
        return False
    (a, a_unit), (b, b_unit) = _value(one), _value(other)
    if a == b:
        return True
    (fine, written), (coarse, unit) = ((a, one), (b, b_unit)) if a_unit < b_unit else ((b, other), (a, a_unit))
    return "p" in written.split()[0] and round(fine / unit) * unit == coarse


def number_shown(number: str) -> str:
    """A number of :func:`numbers_said` as a student wrote it: "12.6", "1929" (not "12p6", "1929 year")."""
    return re.sub(r"(\d)p(\d)", r"\1.\2", number.removesuffix(f" {YEAR}"))


def _among(number: str, numbers: Collection[str]) -> bool:
    return any(_same(number, other) for other in numbers)
