"""What a statement claims, read from its words alone, for a point's statements and an answer's
sentences alike: the subject it opens on, what it denies of a subject or rules out, the parallel
clauses it pairs things in, and whether it only names a thing and says it exists or what class it
is. The second look (pointcheck) weighs these against a rubric's points."""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from .analyze import tokenize
from .lexicon import SKLEARN_STOP_WORDS
from .negation import clause_term_sets, denials, ruled_out
from .sentence_form import is_name, opening_clause, says_no_more_than

Term = Callable[[str], str | None]
# (what only the one clause says, what only the other says, what both say): see parallel_pairs
Pairing = tuple[frozenset[str], frozenset[str], frozenset[str]]
# (the claim, what the statement says instead): see denied_claims
Claim = tuple[frozenset[str], frozenset[str]]
DENIED_TERMS = 2  # what a statement denies of its subject, in this many terms at least, is a claim to turn round
PAIRED_TERMS = 2  # terms each of two parallel clauses has of its own


def terms_of(words: Sequence[str], term: Term) -> frozenset[str]:
    """The terms of words as written ("The", "Pancreas"): the analyzer's terms are of lower-case tokens."""
    return frozenset(t for w in words if (t := term(w.lower())) is not None)


def named_in(words: Sequence[str], term: Term) -> frozenset[str]:
    """The terms of the words written as names (:func:`sentence_form.is_name`)."""
    return terms_of([w for w in words if is_name(w)], term)


def parallel_pairs(text: str, term: Term) -> list[Pairing]:
    """Each two clauses of ``text`` saying the same of two pairs of things ("oxidation happens at
    the anode and reduction happens at the cathode"): what only the one says, what only the other
    says (two terms at least each), and the terms both share."""
    clauses = clause_term_sets(text, term)
    out = []
    for i, first in enumerate(clauses):
        for second in clauses[i + 1:]:
            both, one, other = first & second, first - second, second - first
            if both and len(one) >= PAIRED_TERMS and len(other) >= PAIRED_TERMS:
                out.append((one, other, both))
    return out


def crossed(pairings: Sequence[Pairing], clauses: Sequence[frozenset[str]]) -> bool:
    """Whether two of ``clauses`` (an answer's, as term sets) say what two parallel clauses of a
    statement say, each with one thing of the one and one of the other: "reduction happens at the
    anode and oxidation happens at the cathode", for "oxidation happens at the anode and reduction
    ... cathode"."""
    for one, other, both in pairings:
        mixed = [(c & one, c & other) for c in clauses if c & one and c & other and c & both]
        if any(a.isdisjoint(a2) and b.isdisjoint(b2) for i, (a, b) in enumerate(mixed) for a2, b2 in mixed[i + 1:]):
            return True
    return False


def may_cross(pairings: Sequence[Pairing], found: Collection[str]) -> bool:
    """Whether terms ``found`` in an answer could cross one of ``pairings`` (two of each side and
    one they share): most cannot, and their clauses need not be read."""
    return any(len(one.intersection(found)) >= PAIRED_TERMS and len(other.intersection(found)) >= PAIRED_TERMS
               and not both.isdisjoint(found) for one, other, both in pairings)


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


def as_named(words: Sequence[str]) -> str:
    """A subject as a reason names it, mid-sentence: its opening function word in lower case
    ("the USSR", "Mr Birling")."""
    first, *rest = words
    return " ".join([first.lower() if first.lower() in SKLEARN_STOP_WORDS else first, *rest])


_BE_FORMS = frozenset("is are was were".split())


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
