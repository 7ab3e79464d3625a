"""Negation: which of a text's terms are said and which denied.

A cue ("not", "never", "failed to", "missed", n't) reverses its clause's proposition, subject
included; a clause ends at punctuation and at linking words, and a preposition carries the
cue on to the phrase it governs ("never presented as proof"). Written from general properties
of English, not from any rubric's wording: :mod:`pointcheck` compares what a sentence says
this way with what a point says.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from functools import lru_cache

from .analyze import fold_many, split_tokens
from .lexicon import SKLEARN_STOP_WORDS
from .sentence_form import (
    ARTICLES,
    DETERMINERS,
    has_present_verb,
    is_fragment,
    is_plural,
    shows_verb,
    verb_base,
    verb_like,
    word_classes,
)
from .spelling import misspelling_of

# Words that deny a thing any part in the question by themselves ("glutamate is irrelevant"): a
# cue that is its own role word (see _ROLE)
_DISMISSING = frozenset("irrelevant unimportant insignificant".split())
# Words that reverse what follows them in their clause (or, like "missed", are the negative of
# an act). Contractions ending in n't are cues too.
NEGATORS = frozenset(
    "not no never nor neither without cannot nobody nothing none hardly barely failed fail fails failing "
    "failure refused refuse refuses refusing refusal unable impossible lacked lack lacks lacking missed miss misses "
    "missing absent rare rarely seldom ignored ignore ignores ignoring neglected neglect avoided avoid avoids "
    "overlooked overlook overlooks overlooking "
    "avoiding skipped skip skips skipping boycotted boycott boycotts boycotting didnt dont doesnt wasnt "
    "werent isnt arent couldnt wouldnt wont hadnt havent hasnt cant few scarce".split()) | _DISMISSING
# "Not just", "not only": these add to a claim rather than deny it; "not all", "didn't change
# everything", "not the main reason": these limit it (some, not none; a reason, not the chief
# one), which is no denial either.
_ADDITIVE = frozenset("just only merely simply solely least all everything everyone completely totally "
                      "entirely fully wholly always main major biggest greatest primary chief sole single "
                      "most whole".split())
_LIMIT_REACH = 2  # words after a cue in which a limiting word makes it no denial
_AS = frozenset({"as", "so"})  # "not as important as Y", "not so much X as Y": a comparison, no denial
# "X instead of Y", "X rather than Y": what follows is what did not happen.
_INSTEAD = frozenset({("instead", "of"), ("rather", "than")})
# Linking words that start a new clause (and so end a negation's reach).
_SCOPE_END = frozenset(
    "but because although though while whereas so which who when where if unless and since until yet however instead "
    "as after before whilst unlike than except apart besides otherwise &".split())   # "&": notes' "and"
# Words that deny a thing any part in what the question asks about, right after a cue ("not
# important", "no difference"): a claim about the subject's role, not about some other property.
_ROLE = frozenset("important significant matter matters mattered difference relevant responsible effect "
                  "impact role cause causes caused causing reason reasons factor factors blame blamed".split())
_ROLE_REACH = 4  # words after the cue ("did not really make much difference")
_DISMISS_REACH = 2  # "was not important", "made no difference": right after ("not accept any blame" is an act)
# "had nothing (or little) to do with it": the idiom that denies a thing any part, whatever follows
_DO_WITH = ["to", "do", "with"]
_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\.\s")


def punctuated_parts(text: str) -> list[list[str]]:
    """The tokens of each stretch of ``text`` between punctuation marks (commas, semicolons,
    brackets, dashes, full stops), from one tokenizer pass: what a clause or a comparison stays
    within."""
    return split_tokens(fold_many(_CLAUSE.split(text)))


def clause_terms(text: str, term: Callable[[str], str | None]) -> dict[str, bool]:
    """``{term: negated}`` for a text. Negation reverses a clause's proposition, subject
    included ("the army was not purged" denies the army purge), so each clause (cut at
    punctuation and at linking words) is negated when it holds an odd number of cues, and
    every term in it takes that polarity. A term said both ways counts as not negated."""
    out: dict[str, bool] = {}
    for clause in _clauses(text):
        neg = _denies(clause)
        for t in filter(None, map(term, clause)):
            out[t] = out.get(t, neg) and neg
    return out


def clause_term_sets(text: str, term: Callable[[str], str | None]) -> list[frozenset[str]]:
    """The terms of each clause of ``text`` (see :func:`_clauses`), clauses with none left out."""
    return [found for clause in _clauses(text) if (found := frozenset(filter(None, map(term, clause))))]


@lru_cache(maxsize=64)
def _clauses(text: str) -> tuple[list[str], ...]:
    """Each clause of ``text`` as tokens, cut at punctuation and at linking words. The end of a
    list after a denial is denied with it: "cannot afford books, trips or a computer". Kept for
    the last few sentences read (not to be changed): a sentence is read for its terms, its
    denials and the cue to name, for each point it may make."""
    parts = punctuated_parts(text)
    clauses = list(_read_clauses(parts))
    return tuple(_subject_joined(clauses, parts) if len(clauses) > 1 else clauses)


def _subject_joined(clauses: list[list[str]], parts: list[list[str]]) -> list[list[str]]:
    """``clauses`` with a list the text opens on put back into the subject of the denying clause it
    is the start of: "Schools, peers and the media play no part", "Cats and dogs do not eat grass"
    deny what they say of every item, not of the last alone (cut at "and", the others had read as
    clauses of their own, said)."""
    items = 0
    while items < len(clauses) - 1 and _list_item(clauses[items]):
        items += 1
    if not items or not _denies(denying := clauses[items]) or (first := _cues(denying)[0]) < 2 \
            or denying[first - 2] in JOINS:   # "obesity, a poor diet and lack of exercise are": an item's own denial
        return clauses
    words = [w for part in parts for w in part]
    at = next((k for k, w in enumerate(words) if w not in SKLEARN_STOP_WORDS), len(words))
    joined = not JOINS.isdisjoint(denying[:first])   # "gangs, cults and sects cannot"
    for clause in clauses[:items + 1]:
        if words[at:at + 1] and words[at] in JOINS:
            at, joined = at + 1, True
        if words[at:at + len(clause)] != clause:
            return clauses
        at += len(clause)
    return [[w for c in clauses[:items + 1] for w in c], *clauses[items + 1:]] if joined else clauses


def _read_clauses(parts: list[list[str]]) -> Iterator[list[str]]:
    last: list[str] | None = None
    held: list[str] | None = None  # a clause a refusal after it may turn
    parts = [part for stretch in _asides_joined(parts) for part in _fronted_denial(stretch)]
    for at, tokens in enumerate(parts):
        # the end of a list after a denial, and the items before it ("posters, rallies, radio or films")
        if last is not None and _denies(last) and (_list_end(tokens) or _acts_listed(last, tokens) or (
                _list_item(tokens) and any(map(_list_end, parts[at + 1:at + _LIST_ITEMS]))) or (
                _adjective_open(last) and tokens[0] not in SKLEARN_STOP_WORDS and is_fragment(" ".join(tokens)))):
            tokens = ["not", *tokens]
        if last is not None and len(tokens) > 1 and tokens[0] == "even" and _even_then([*last, "even"], tokens[1]):
            tokens = ["not", *tokens]   # ", even when ...": read as one with the denial before it
        for last in (c for whole in _part_clauses(tokens) for c in _that_resumes(whole)):
            if not last:
                continue  # (a linking word after a comma leaves nothing between them)
            if held is not None:
                yield ["not", *held] if _refused(held, last) else held
            held = last
    if held is not None:
        yield held


# Words set between commas that leave the clause they interrupt whole ("however" and "though" are
# linking words: each opens a clause of its own, as in "he tried, though he failed")
_ASIDES = frozenset(tuple(a.split()) for a in (
    "on the other hand", "in fact", "of course", "for example", "for instance", "too", "also",
    "therefore", "thus", "meanwhile", "moreover", "furthermore", "in contrast", "by contrast", "at first",
    "in turn", "in the end", "as a result", "in particular", "in my opinion", "i think", "nevertheless",
    "then", "still", "again", "at the time", "in practice", "in theory", "overall", "ironically"))


def _asides_joined(parts: list[list[str]]) -> list[list[str]]:
    """``parts`` with an aside between commas read as one with what it stands between: "Sheila, on
    the other hand, feels no guilt" denies Sheila's guilt."""
    out: list[list[str]] = []
    joining = False
    for part in parts:
        if out and (tuple(part) in _ASIDES or _appositive(out[-1], part)):
            out[-1] = [*out[-1], *part]
            joining = True
        elif joining:
            out[-1] = [*out[-1], *part]
            joining = False
        else:
            out.append(part)
    return out


def _appositive(before: Sequence[str], part: Sequence[str]) -> bool:
    """Whether ``part`` names again the thing ``before`` it names: "Zacchaeus, the tax collector,
    refused ..." (a phrase of a few words opening on an article, after a name or thing, no verb in either)."""
    return (0 < len(before) <= _APPOSITIVE and 1 < len(part) <= _APPOSITIVE + 2 and part[0] in ARTICLES
            and is_fragment(" ".join(before)) and is_fragment(" ".join(part)))


_APPOSITIVE = 3  # words at most in the name before an appositive (and two more in the appositive)


def _fronted_denial(tokens: list[str]) -> list[list[str]]:
    """A stretch opening on "without" (or "with no") and a thing, then its clause with no comma
    between them ("Without trees the heavy rain washes the soil away"), as the two: the thing is denied, not
    the clause that follows it. The phrase ends at the next phrase's determiner or pronoun. A
    clause with a cue of its own stays one with it: "without it he could not have won" says it
    won him it (the two cues cancel)."""
    opens = 1 if tokens[:1] == ["without"] else 2 if tokens[:2] == ["with", "no"] else 0   # "With no magnet nearby"
    if not opens:
        return [tokens]
    end = next((k for k in range(opens + 1, len(tokens)) if tokens[k] in _PHRASE_OPENERS or tokens[k] in _MANY),
               None)
    return [tokens] if end is None or _cues(tokens[end:]) else [tokens[:end], tokens[end:]]


_MANY = frozenset("many most some all several".split())


def _refused(request: Sequence[str], clause: Sequence[str]) -> bool:
    """Whether ``clause`` refuses what ``request`` asks for, naming nothing itself ("Henry asked the
    Pope for an annulment, but the Pope refused"): what was asked for did not happen."""
    return (not _REQUESTS.isdisjoint(request) and not _cues(request) and bool(clause)
            and clause[-1] in _REFUSALS and len(clause) <= _REFUSAL_WORDS)


_REQUESTS = frozenset("ask asks asked asking request requests requested requesting demand demands demanded "
                      "demanding urge urges urged urging offer offers offered offering invite invites invited "
                      "inviting beg begs begged begging".split())
_REFUSALS = frozenset("refused refuse refuses declined decline declines".split())
_REFUSAL_WORDS = 4  # "but the Pope refused": a subject and the refusal, nothing refused named


def reporters(text: str, term: Callable[[str], str | None]) -> frozenset[str]:
    """The terms of ``text``'s clauses that report what the next clause says ("Tulving showed",
    "Glanzer and Cunitz's serial position effect shows" that ...): who says or shows a thing is
    no part of what is said, and so neither agrees nor disagrees with a point by its polarity."""
    return frozenset(t for clause, after in itertools.pairwise(_clauses(text))
                     if clause and clause[-1] in _REPORTING and after[:1] and after[0] in _REPORTED
                     for t in filter(None, map(term, clause)))


def denial_adjuncts(text: str, term: Callable[[str], str | None]) -> frozenset[str]:
    """The terms of phrases without a verb that say when or how a denied clause holds ("The
    monarchy was not in debt | after the Seven Years War"): the setting of what is denied, which
    the denial neither states nor denies. A phrase with a verb ("after Lenin died") says more."""
    out: set[str] = set()
    for tokens in punctuated_parts(text):
        start = 0
        for at, tok in enumerate(tokens):
            if tok in _PREPOSITIONS and at > start and _denies(tokens[start:at]):
                end = next((k for k in range(at + 1, len(tokens)) if tokens[k] in _SCOPE_END), len(tokens))
                phrase = tokens[at + 1:end]
                if phrase and _verbless(phrase):
                    out.update(filter(None, map(term, phrase)))
            if tok in _SCOPE_END:
                start = at + 1
    return frozenset(out)


def setting(text: str, term: Callable[[str], str | None]) -> frozenset[str]:
    """The terms of the phrase a sentence opens on to say where or when it holds ("In the solid
    the ions are free to move", "During the war, ..."): a preposition and a thing, ended by a
    comma or by the next phrase's determiner or pronoun. What is said there is the same either
    way; what the sentence says in it is what agrees or disagrees with a point."""
    parts = punctuated_parts(text)
    tokens = parts[0] if parts else []
    if len(tokens) < 2 or tokens[0] not in _SETTING_OPENERS:
        return frozenset()
    end = next((k for k in range(2, len(tokens)) if tokens[k] in _PHRASE_OPENERS), None)
    if end is None and len(parts) > 1:
        end = len(tokens)  # "During the war, ...": a comma ends it
    phrase = tokens[1:end] if end is not None else []
    if not phrase or not _verbless(phrase):
        return frozenset()
    return frozenset(filter(None, map(term, phrase)))


_SETTING_OPENERS = frozenset("in at on during after before by within under throughout".split())
_PHRASE_OPENERS = frozenset("the a an this these those his her their its he she they it we i".split())


def explained(text: str, term: Callable[[str], str | None]) -> frozenset[str]:
    """The terms of what a sentence explains, when it denies a reason for it ("Louis called the
    Estates-General because he wanted to share power, not because he needed money"): what
    happened is common ground, and only the reasons given and denied agree or disagree with a
    point. Empty when no reason is denied."""
    tokens = [t for part in punctuated_parts(text) for t in part]
    if not any(tok in _REASONS and before in _PARTICLES for before, tok in itertools.pairwise(tokens)):
        return frozenset()
    first = next(i for i, tok in enumerate(tokens) if tok in _REASONS)
    main = set(filter(None, map(term, tokens[:first])))
    return frozenset(main.difference(map(term, tokens[first:])))


def _verbless(phrase: Sequence[str]) -> bool:
    """Whether a phrase after a preposition names a thing or a time ("the Seven Years War", "the
    1924 congress"): no subject pronoun, no auxiliary, no word that can only be a verb ("died")."""
    return not any(w in _SUBJECT_PRONOUNS or w in _AUXILIARIES or
                   ((kinds := word_classes(w)) and "VERB" in kinds and "NOUN" not in kinds) for w in phrase)


_LIST_END = 6  # words at most in the end of a list ("trips or a computer")
_LIST_ITEMS = 6  # items looked along for a list's end


def _list_item(tokens: Sequence[str]) -> bool:
    """Whether a stretch between commas is an item of a list: a thing of a word or three, no verb
    ("rallies", "mass rallies")."""
    return 0 < len(tokens) <= 3 and tokens[0] not in SKLEARN_STOP_WORDS and is_fragment(" ".join(tokens))


def _adjective_open(clause: Sequence[str]) -> bool:
    """Whether a clause ends on an adjective that is no noun, its noun after a comma: "no miracle
    has been reported by enough educated, honest witnesses" denies the witnesses too (the
    stretch after the comma opening on a word of its own, not "and the Union ...")."""
    classes = word_classes(clause[-1]) if clause else frozenset()
    return "ADJ" in classes and "NOUN" not in classes


JOINS = frozenset({"and", "or", "plus"})  # "plus": text-speak's "+" ("ignores diversity + the dark side")


def _acts_listed(denying: Sequence[str], tokens: Sequence[str]) -> bool:
    """Whether ``tokens`` end a list of acts the clause before them denies: "they do not need to
    gain, | lose or share electrons" (a verb's base form closing the denial, and one opening these)."""
    acts = tokens[1:] if tokens[:1] and tokens[0] in JOINS else tokens
    return (0 < len(acts) <= _LIST_END and not JOINS.isdisjoint(acts) and bool(denying)
            and all(verb_base(w) == w for w in (denying[-1], acts[0])))


def _list_end(tokens: Sequence[str]) -> bool:
    """Whether a stretch between punctuation marks ends a list: a few words joined by "or" or
    "and" (or "+"), with no verb, opening on a thing ("trips or a computer", "the congress or the
    meetings"), not on a function word ("or by galvanising it with zinc")."""
    return (bool(tokens) and 0 < len(tokens) - (tokens[0] in JOINS) <= _LIST_END and not JOINS.isdisjoint(tokens)
            and (tokens[0] in _LIST_OPENERS or tokens[0] not in SKLEARN_STOP_WORDS)   # not "or by galvanising it"
            and is_fragment(" ".join(tokens)))


_LIST_OPENERS = frozenset("the a an his her their its our my your".split())


def _part_clauses(tokens: list[str]) -> Iterator[list[str]]:
    """The clauses of one stretch of a text between punctuation marks (see :func:`_clauses`)."""
    clause: list[str] = []
    relative = False
    padded = [*tokens, "and"]
    stopped = -1  # where the act a "stop" cue denies ends
    aside_end, subject = -1, list[str]()  # where a denied aside before the subject's verb ends, and that subject
    instead: list[str] | None = None  # the clause an "instead of" or "rather than" opened
    for at, tok in enumerate(padded):
        if at == stopped or (tok in _PLACES and clause[:1] in (["without"], ["with"])
                             and len(clause) > (2 if clause[0] == "with" else 1) and not infinitive(padded, at)):
            # a "stop" cue's act ends; "X without Y", "X with no Y" deny Y, not where X goes or is
            # ("pumps the blood with no oxygen to the lungs": the lungs are said)
            yield clause
            clause, stopped = [], -1
        if tok == "to" and clause[-2:-1] == ["too"] and not _cues(clause):
            # "too low to cover costs", "too small to absorb enough": what follows "to" does not
            # happen, what comes before is said
            yield from _main_predicate(clause) if relative else (clause,)
            relative, clause = False, ["not"]
        if clause and ((tok in _REPORTED and clause[-1] in _REPORTING and not _cues(clause)) or (
                tok in _NO_ONE and word_classes(clause[-1]) == _NOUN) or _run_on(clause, tok, padded[at + 1:at + 2])
                or _object_relative(clause, padded, at)
                or (clause is instead and len(clause) > 2 and _resumes(padded, at))):
            # "... show (that) she could not live with it": what is shown or said is a clause of its
            # own, and a denial in it does not reach what shows it; a denial before
            # it takes it in ("I don't think he knew"). "situations nobody thought of": the pronoun
            # opens a clause of its own, denying what follows it, not the thing before it. "Instead of
            # moving in a straight line it goes round": the subject after the alternative opens what
            # is said instead, comma or none.
            yield from _main_predicate(clause) if relative else (clause,)
            relative, clause = False, [tok]
            continue
        if at == aside_end:
            # the verb after the aside: the subject before it goes on into its clause
            yield clause
            clause, aside_end = subject, -1
        if clause and aside_end < 0 and _denies_after(padded, at) \
                and not any(map(verb_like, clause)) and not has_present_verb(" ".join(clause)) and not _cues(clause):
            # "A control group with no confederates got it wrong": before the subject's verb the cue
            # denies only the thing it names, an aside up to that verb; what the subject does is said
            # of it ("an eternity of punishment with no chance of change cannot serve that end" is denied)
            aside_end = next((k for k in range(at + 3, len(padded) - 1) if verb_like(padded[k])), -1)
            if aside_end < 0:
                yield from _main_predicate(clause) if relative else (clause,)
                relative = False
            subject, clause = clause, [tok]
            continue
        if clause and (((_denies_after(padded, at)
                         or (tok in _AVOIDS and clause[-1] == "to")
                         or (tok == "not" and _contrasts(clause, padded, at)))
                        and shows_verb(clause) and not _cues(clause)) or (
                tok == "not" and _numbers_contrasted(clause, padded, at) and not _cues(clause)) or (
                tok in _STOPS and (act := _stopped_act(padded, at + 1)) > at + 1 and not _cues(clause))):
            # "X without Y", "X with no Y": the cue denies what follows it, not what was said before
            # it ("a catalyst speeds the reaction up without being used up"); after a denial it
            # is a double negative ("you couldn't walk down a street without seeing his face").
            # "X stopped Y -ing": Y's act is denied, not X ("high tides stopped rivers draining"),
            # and what follows its object is said ("... stop seeing Stalin as untouchable he also
            # had ..." in a run-on); after a denial, kept up ("it didn't stop pouring").
            yield from _main_predicate(clause) if relative else (clause,)
            relative, clause = False, [tok]
            if tok in _STOPS:
                stopped = act + _ACT_OBJECT
            continue
        if tok in _STOPS and clause and _stopped_act(padded, at + 1) == at + 1 and not _cues(clause):
            # "the pancreas stops making insulin": its own act, denied with its subject as by "does
            # not make"; what follows the act's object is said
            stopped = at + 1 + _ACT_OBJECT
        ruled_out = tok == "than" and clause[-1:] == ["rather"]  # "rather than by winning": a cue, whatever follows
        if ruled_out:
            clause = clause[:-1]
        elif tok not in _SCOPE_END or (tok in _PREPOSITIONS and _names_a_thing(padded, at + 1)) or (
                tok == "and" and _joins_a_thing(clause, padded, at + 1)) or (
                tok == "as" and clause[-3:-1] == ["not", "as"]) or (
                tok == "than" and padded[at + 1:at + 2] != [] and padded[at + 1] in _DEMONSTRATIVES
                and shows_verb(padded[at + 2:at + 3])):
            # "Pressures higher than this are not chosen": "this" is what they are compared with,
            # and the verb after it theirs (not "lower murder rates than those without it")
            meant = misspelling_of(tok, _LONG_LINKS) if len(tok) >= _LONG_LINK else None
            if meant is None:
                clause.append(tok)
                continue
            tok = meant
        # "not because Y": the cue denies the reason, so Y starts a clause with a cue of its own
        carried = tok in _REASONS and bool(clause) and clause[-1] in _PARTICLES
        if carried:
            clause = clause[:-1]  # and not the clause it ends ("he lost not because...")
        carried = carried or _even_then(clause, tok)
        yield from _main_predicate(clause) if relative else (clause,)
        relative = tok in _RELATIVE
        # "instead of Y": likewise
        pair = {(tok, padded[at + 1] if at + 1 < len(padded) else ""), (padded[at - 1] if at else "", tok)}
        clause = ["not"] if carried or not _INSTEAD.isdisjoint(pair) else []
        instead = clause if not carried and clause else None


def _resumes(tokens: Sequence[str], at: int) -> bool:
    """Whether a subject pronoun and its verb start at ``at`` ("... it goes", "... they spend")."""
    return tokens[at] in _SUBJECT_PRONOUNS and at + 1 < len(tokens) and (
        shows_verb(tokens[at + 1:at + 2]) or has_present_verb(" ".join(tokens[at:at + 2])))


def _object_relative(clause: Sequence[str], tokens: Sequence[str], at: int) -> bool:
    """Whether ``tokens[at]`` is a "that" opening a clause with a subject of its own after a noun,
    with no denial before it: "access to ministers that the public cannot see" denies the seeing,
    not the access ("no evidence that the treaty caused it" denies what follows)."""
    return (tokens[at] == "that" and "NOUN" in word_classes(clause[-1]) and tokens[at + 1:at + 2] != []
            and (tokens[at + 1] in DETERMINERS or tokens[at + 1] in _RELATIVE_SUBJECTS) and not _cues(clause))


def _even_then(clause: Sequence[str], tok: str) -> bool:
    """Whether ``tok`` opens a condition a denial before it reaches: "abortion is never allowed (,)
    even when the mother's life is in danger" denies it is allowed then, which a point's "accept
    abortion when the mother's life is in danger" says."""
    return tok in _CONDITIONS and clause[-1:] == ["even"] and _denies(clause)


_CONDITIONS = frozenset({"when", "if"})


def _denies_after(tokens: Sequence[str], at: int) -> bool:
    """Whether the word at ``at`` is a cue denying only what follows it: "without", "with no"."""
    return tokens[at] in _DENIES_AFTER or (tokens[at] == "with" and tokens[at + 1:at + 2] == ["no"])


def _contrasts(clause: Sequence[str], tokens: Sequence[str], at: int) -> bool:
    """Whether the "not" at ``at`` sets a thing against the one before it, as "rather than" does:
    after a noun and before a determiner ("a symptom not the cause"): it denies only what follows."""
    if clause[-1] not in SKLEARN_STOP_WORDS and clause[-1] in tokens[at + 2:at + 4]:
        return True   # the thing named again, of another kind: "alternating current not direct current"
    if "NOUN" not in word_classes(clause[-1]) or clause[-1] in _AUXILIARIES or tokens[at + 1:at + 2] == []:
        return False
    if tokens[at + 1] in DETERMINERS:
        return True
    # "caused by tiny tears in the fibres not lactic acid": another thing named, with no verb of its own
    classes = word_classes(tokens[at + 1])
    return not {"NOUN", "ADJ"}.isdisjoint(classes) and "VERB" not in classes \
        and not any(map(verb_like, tokens[at + 1:at + 1 + _CONTRAST_REACH]))


_CONTRAST_REACH = 3  # words after a contrasting "not" in which no verb may come


def _numbers_contrasted(clause: Sequence[str], tokens: Sequence[str], at: int) -> bool:
    """Whether the "not" at ``at`` sets one number against another ("£9.99 not £10", "in 1917 not
    1918"): with or without a verb before it, it denies only the number after it."""
    return clause[-1].isdigit() and tokens[at + 1:at + 2] != [] and tokens[at + 1].isdigit()


def _run_on(clause: Sequence[str], tok: str, after: Sequence[str] = ()) -> bool:
    """Whether ``tok`` opens a clause run on after ``clause`` without a comma: a subject pronoun
    after a clause with a verb, and a word that is neither a function word nor reports what
    follows ("the resistant ones dont die they survive", "he never trusted the men he appointed");
    not after a phrase without one ("At the congress in 1924 he didn't ..."). "it" and "you" may
    be objects, unless a verb's auxiliary comes ``after`` ("anything you can conceive as existing
    you can conceive as not existing"); after a reporting verb a denial before it takes the clause
    in ("I don't think he")."""
    # (a denied "it" most often goes on with the thing before it: "... did the bbc prison study + it
    # didnt get the same results")
    subject = tok in _RUN_ON_SUBJECTS or (tok in _SUBJECT_PRONOUNS and not _MODALS.isdisjoint(after)) or (
        tok in ("you", "u") and any(map(_denied_auxiliary, after)))
    return subject and clause[-1] not in SKLEARN_STOP_WORDS and clause[-1] not in _REPORTING \
        and clause[-1] not in _AUXILIARIES and shows_verb(clause)


def _denied_auxiliary(word: str) -> bool:
    """Whether ``word`` is a denied auxiliary or modal ("don't", "cant")."""
    return word.endswith(("nt", "n't")) and is_negator(word)


_NO_ONE = frozenset("nobody nothing".split())
_SUBJECT_PRONOUNS = frozenset("he she they we it i you u".split())  # "u": text-speak's "you"
_RELATIVE_SUBJECTS = _SUBJECT_PRONOUNS | {"no", "none", "nothing", "nobody", "neither"}  # "powers that no king ..."
_RUN_ON_SUBJECTS = _SUBJECT_PRONOUNS - {"it", "you", "u"}  # which may be objects too ("he saw it")
# what opens a clause said or shown: "showed (that) it was not", "said no act is deviant in itself"
_REPORTED = _RELATIVE_SUBJECTS | {"that"}
_REPORTING = frozenset("show shows showed shown suggest suggests suggested prove proves proved mean means meant "
                       "reveal reveals revealed say says said think thinks thought believe believes believed argue "
                       "argues argued claim claims claimed know knows knew realise realises realised realize "
                       "realizes realized reply replies replied state states stated note notes noted observe "
                       "observes observed conclude concludes concluded explain explains explained insist insists "
                       "insisted maintain maintains maintained demonstrate demonstrates demonstrated respond "
                       "responds responded admit admits admitted assume assumes assumed".split())
_NOUN = frozenset({"NOUN"})
_DENIES_AFTER = frozenset({"without"})  # a cue that starts what it denies, after a clause
# cues that, after "to", deny only what follows them: "producers cut the sugar to avoid the tax"
# cut the sugar, and avoided the tax
_AVOIDS = frozenset({"avoid"})
def infinitive(tokens: Sequence[str], at: int) -> bool:
    """Whether the "to" at ``at`` opens an infinitive ("a handshake to set up a connection")."""
    after = tokens[at + 1:at + 2]
    return tokens[at] == "to" and bool(after) and after[0] not in DETERMINERS and "VERB" in word_classes(after[0])


_PLACES = frozenset("to into onto towards toward through via across at in from".split())  # where, not what


# Linking words that are also prepositions: "never presented as proof", "not destroyed before
# symptoms" keep the cue's reach; "as he", "before the war ended" start a clause of their own.
_PREPOSITIONS = frozenset("as after before since until than".split())
_CLAUSE_OPENERS = frozenset("i you he she it we they this that these those there the a an his her its their our "
                            "my your some many most all each every no one".split())


_DEMONSTRATIVES = frozenset("this that these those".split())


def _names_a_thing(tokens: Sequence[str], at: int) -> bool:
    """Whether the word at ``at`` (after a preposition) starts a phrase, not a clause: a noun or
    name straight after, with no subject or determiner that would open a clause."""
    return at < len(tokens) - 1 and tokens[at] not in _CLAUSE_OPENERS and tokens[at] not in _SCOPE_END


def _joins_a_thing(clause: Sequence[str], tokens: Sequence[str], at: int) -> bool:
    """Whether "and" before ``at`` joins two things in one clause, not two clauses: ``clause`` so
    far has no verb (a subject of two, "Zinoviev and Kamenev did not..."), or no verb follows
    before the next linking word, to go with what a cue in ``clause`` denies ("never joined
    Zinoviev and Kamenev in the United Opposition" denies both; "did not go and Stalin spoke" does not)."""
    if at >= len(tokens):
        return False   # the end of the text
    # a gerund opening the clause is its subject, no verb ("so smuggling from Canada and the
    # Caribbean could not be stopped": the smuggling from both is denied)
    head = clause[1:] if clause and clause[0].endswith("ing") else clause
    if clause and not shows_verb(head) and not _cues(clause):
        return True   # a subject of two ("Zinoviev and Kamenev did not..."): the clause goes on
    if _stops_past(clause, tokens, at - 1):
        return True   # "stops fungi and algae growing": both kept from it
    # ("without rehearsal and Miller found ...": a verb after it opens a clause the cue does not reach)
    end = next((k for k in range(at, len(tokens)) if tokens[k] in _SCOPE_END), len(tokens))
    return end > at and bool(_cues(clause)) and not shows_verb(tokens[at:end])


def _stops_past(clause: Sequence[str], tokens: Sequence[str], join: int) -> bool:
    """Whether a "stop" in ``clause`` (the tokens just before ``join``) keeps from an act that
    comes after ``join``: what is joined there is kept from it too."""
    for k, word in enumerate(clause):
        at = join - len(clause) + k
        if word in _STOPS and 0 <= at < len(tokens) and tokens[at] == word and _stopped_act(tokens, at + 1) > join:
            return True
    return False


_LONG_LINK = 6  # a linking word this long is recognised misspelt ("becuase"); shorter ones are too like other words
_LONG_LINKS = tuple(sorted(w for w in _SCOPE_END if len(w) >= _LONG_LINK))


_RELATIVE = frozenset({"who", "which"})
# "not because": a negation just before a reason denies the reason ("failed because" is the
# subject's failure, a verb of its own clause)
_REASONS = frozenset({"because", "since"})
_PARTICLES = frozenset({"not", "never", "isnt", "wasnt", "arent", "werent", "isn't", "wasn't", "aren't", "weren't"})
_AUXILIARIES = frozenset("is are was were be been had has have did does do could would will should might".split())
_MODALS = _AUXILIARIES | frozenset("can cannot must may shall".split())


def _main_predicate(clause: list[str]) -> Iterator[list[str]]:
    """A clause after a relative pronoun, cut where a negated predicate of the sentence's own
    begins: in "the people who [died] [were not opponents]" the cue denies "opponents", and
    "died" stays said. A cue at the clause's head ("who did not oppose him") is its own."""
    cues = _cues(clause)
    at = cues[0] - 1 if cues else 0  # the first cue's position
    if at > 1 and clause[at - 1] in _AUXILIARIES:
        at -= 1  # "were not": the auxiliary goes with its cue
    if at > 0 and clause[at - 1] not in _AUXILIARIES:
        yield clause[:at]
        yield from _modal_resumes(clause[at:])
    else:
        yield from _modal_resumes(clause)


def _that_resumes(clause: list[str]) -> Iterator[list[str]]:
    """A clause with a denied relative "that" after a noun ("industries that cannot compete with
    cheaper imports may close"), cut where the sentence's own verb resumes (:func:`_modal_resumes`):
    the subject stays with the denial, as a clause's subject does, and the closing is said."""
    at = next((k for k in range(1, len(clause) - 1) if clause[k] == "that"), None)
    if at is None or _cues(clause[:at]) or not _cues(clause[at + 1:at + 3]) \
            or "NOUN" not in word_classes(clause[at - 1]):
        yield clause
        return
    parts = list(_modal_resumes(clause[at:]))
    yield [*clause[:at], *parts[0]]
    yield from parts[1:]


_MAIN_MODALS = frozenset("may might will would could can must should shall is are was were".split())


def _modal_resumes(clause: list[str]) -> Iterator[list[str]]:
    """A relative clause's denial cut where the sentence's own predicate resumes at a modal or a
    "be": "industries which cannot compete with cheaper imports [may close]" says they may close,
    "bacteria that are not resistant [are killed]" that they are killed."""
    cues = _cues(clause)
    first = cues[0] if cues else len(clause)
    end = next((k for k in range(first + 1, len(clause) - 1) if clause[k] in _MAIN_MODALS and not _cues(clause[k:])),
               None)
    if end is None:
        yield clause
    else:
        yield clause[:end]
        yield clause[end:]


def _may_deny(words: Sequence[str]) -> bool:
    """Whether ``words`` hold a word that can be a negation cue (most hold none)."""
    return (not NEGATORS.isdisjoint(words) or "little" in words or "nun" in words or "n't" in " ".join(words)
            or any(w.endswith("nt") and _misspelt_denial(w) for w in words)
            or not _FRAMES.isdisjoint(words) or not _PREVENTS.isdisjoint(words) or not _STOPS.isdisjoint(words))


# A statement framed as untrue is denied: "it is a myth that he looked down on officials", "his
# genius was a myth", "it is untrue that...". Only after "is", "was" and the like: "propaganda
# created a myth that Stalin was a genius" says what propaganda did, and "false charges", "the
# charges were false" say what the charges were. A claim said to be refuted, or wrong, is denied
# too: "the claim that exercise improves mood has been disproven", "the idea that ... is wrong"
# (probe 105); "he was wrong to trust him" says nothing of a claim.
_REFUTED = frozenset("disproven disproved refuted debunked discredited".split())
_WRONG = frozenset("wrong incorrect false untrue mistaken".split())
_CLAIMS = frozenset("claim claims idea ideas view views belief beliefs theory theories notion notions assumption "
                    "suggestion argument".split())
_FRAMES = frozenset("myth myths".split()) | _REFUTED | _WRONG
# "very little resentment", "there was little support": hardly any, as "few" is (not "a little",
# nor "the little man", the size).
_SCARCELY = (["very"], ["so"], ["too"], ["was"], ["were"], ["is"], ["are"], ["had"], ["has"], ["have"])
# Kept from an act: "factories were banned from running creches", "forbidden to offer them" say
# that the act did not happen. Alone, the word says that something was banned, which a point may
# state ("60 plays were banned"): a cue only before "from" or "to".
_PREVENTS = frozenset("banned forbidden prohibited prevented stopped barred".split())
# ...and "stop water soaking in": the act kept from happening, in -ing
_STOPS = frozenset("stop stops stopped stopping prevent prevents preventing prevented".split())
_STOP_REACH = 3
# a verb between "stop" and an -ing word: the "stop" names a thing, its sentence saying something
# else of it ("stopping distance is thinking distance plus braking distance")
_FINITE = frozenset("is are was were be been has have had does do did will would can could should may might "
                    "must".split())


def _stopped_act(tokens: Sequence[str], at: int) -> int:
    """The position of an -ing word (the act kept from happening) soon after position ``at``,
    with no word before it making it the means or the time ("stop it by painting it"); 0 for none.
    A "from" reaches one word further: "prevents the firms from sharing"; each "and" or "or" two,
    past the next thing kept from it ("stopping fungi and algae growing")."""
    near = tokens[at:at + _STOP_REACH]
    reach = _STOP_REACH + ("from" in near) + 2 * sum(t in JOINS for t in near)
    for k in range(at, min(len(tokens), at + reach)):
        if tokens[k] in _MEANS or tokens[k] in _FINITE:
            return 0
        if tokens[k].endswith("ing"):
            return k
    return 0


_ACT_OBJECT = 4  # tokens after a stopped act that are its object ("seeing Stalin as untouchable")


_MEANS = frozenset("by with through using via after before when while during for".split())
_COPULAS = frozenset("is was are were be been it".split())  # "it" for "it's", whose "s" is dropped


def _frames_as_untrue(clause: Sequence[str], k: int) -> bool:
    """Whether the word before position ``k`` frames its clause's statement as untrue."""
    word, before = clause[k - 1], clause[max(0, k - 4):k - 1]
    if word in ("myth", "myths"):   # "is a myth", "are myths", "was simply a myth"
        return not _COPULAS.isdisjoint(before) and clause[k:k + 1] != ["of"]
    if word in _REFUTED:   # "has been disproven", not "was refuted by Rutter", whose Rutter is no denial
        return not _COPULAS.isdisjoint(before) and clause[k:k + 1] != ["by"]
    if clause[k - 2:k - 1] != [] and clause[k - 2] in _COPULAS and not _CLAIMS.isdisjoint(clause[:k - 2]):
        return True   # "the idea that ... is wrong"
    return word in ("false", "untrue") and clause[k:k + 1] == ["that"] and not _COPULAS.isdisjoint(before)


# Failing denies the act it fails in ("failed to attend", "his failure to act"); alone it is an
# outcome, which a point may state ("the risk of failure is lower", "the plan was likely to fail").
_FAILS = frozenset("fail fails failed failing failure".split())


def is_negator(token: str) -> bool:
    """Whether ``token`` is a negation cue by itself, whatever surrounds it ("not", "never", "wasn't",
    "dosent")."""
    return token in NEGATORS or token.endswith("n't") or _misspelt_denial(token)


_CONTRACTIONS = tuple(sorted(w for w in NEGATORS if w.endswith("nt") and len(w) >= 4 and w != "absent"))  # didnt, ...


@lru_cache(maxsize=4096)
def _misspelt_denial(token: str) -> bool:
    """Whether ``token`` is a contraction's denial misspelt by one edit, and no English word
    ("dosent", "dident", "wasent", "coudnt"; not "docent")."""
    return token.endswith("nt") and len(token) >= 4 and misspelling_of(token, _CONTRACTIONS) is not None


def _cues(clause: Sequence[str]) -> list[int]:
    """Positions just after each negation cue of a clause."""
    if not _may_deny(clause):  # most clauses
        return []
    found = [k for k, t in enumerate(clause, 1)
             # "few trusted him" denies; "a few trusted him" does not; "no matter what" concedes
             if (t in NEGATORS and not (t == "few" and k > 1 and clause[k - 2] == "a")
                 and not ((t == "rare" or (t in _DISMISSING and clause[k - 2:k - 1] != ["not"])) and k < len(clause)
                          and ("NOUN" in word_classes(clause[k]) or clause[k] in _ONES))
                and not (t == "no" and (clause[k:k + 1] == ["matter"] or _know_misspelt(clause, k)))) \
             or t.endswith("n't") or _misspelt_denial(t)
             or (t == "little" and (clause[k:k + 3] == _DO_WITH or clause[k - 2:k - 1] in _SCARCELY)
                 and clause[k - 2:k - 1] != ["a"])
             or (t in _FRAMES and _frames_as_untrue(clause, k))
             or (t in _PREVENTS and clause[k:k + 1] in (["from"], ["to"]))
             or (t == "nun" and clause[k:k + 1] == ["of"] and clause[k - 2:k - 1] not in _A_NUN)
             or (t in _STOPS and _stopped_act(clause, k) > 0)]
    return [k for k in found if (clause[k - 1] not in _FAILS or clause[k:k + 1] in (["to"], ["in"]))
            and not _named_act(clause, k)]


# "rare ones", "rare species", "unimportant jobs": a kind named, no denial ("strikes were rare"
# says there were few, "the motive is unimportant" that it plays no part)
_ONES = frozenset({"ones", "one"})


# "nun of it" is "none of it" misspelt (a real word, so never corrected); "a nun of the order" is a nun
_A_NUN = (["a"], ["the"], ["one"], ["another"])


# "No" cannot come before a determiner, a pronoun or a question word, but "know" can: "you would
# no someone made it", "I no that it was wrong" are "know" misspelt, and deny nothing.
_AFTER_KNOW = (DETERMINERS - {"every", "each"}) | frozenset(
    "someone somebody something it he she they we i you him them what how why where when who whether if".split())


def _know_misspelt(clause: Sequence[str], k: int) -> bool:
    return clause[k:k + 1] != [] and clause[k] in _AFTER_KNOW


def _named_act(clause: Sequence[str], k: int) -> bool:
    """Whether the cue before ``k`` is a noun naming an act, with nothing it denies after it: "the
    boycott made King famous", "because of the bus boycott" (a cue in "the boycott of the buses",
    "their failure to act", and in "people boycott the buses"); or a participle used as an
    adjective ("wait for the missing data to be sent", "the failed coup"), which says what the
    thing is, not that anything did not happen."""
    cue = clause[k - 1]
    if cue in NEGATORS and cue.endswith(("ed", "ing")) and k >= 2 and clause[k - 2] in DETERMINERS - {"that"}:
        return True   # a participle as an adjective: "the missing data", "a failed coup" ("duds that failed": a verb)
    if cue not in NEGATORS or clause[k:k + 1] in (["of"], ["to"]) or cue.endswith(("ed", "ing")) \
            or "NOUN" not in word_classes(cue):   # ("a myth that ..." frames what follows as untrue)
        return False
    before = clause[max(0, k - 3):k - 1]
    return before[-1:] != [] and (before[-1] in DETERMINERS or (
        len(before) == 2 and before[0] in DETERMINERS and before[1] not in SKLEARN_STOP_WORDS
        and not is_plural(before[1])))  # "the bus boycott", not "the workers boycott"


def _denies(clause: Sequence[str]) -> bool:
    """An odd number of denials (not "not just", "not all", "not as ... as"; nor "I do not
    think she is the only one to blame", a view that limits). A cue that carries a denial on to
    a second thing ("neither popular nor trusted", "not simple and not quick") is no second
    denial: two in a row deny both, where "not that he did not try" turns the first round."""
    counted = [k for k in _cues(clause) if not _limits(clause[k:k + _limit_reach(clause, k)], clause[k - 1])
               and not _compares(clause, k) and not _as_often(clause, k)]
    return sum(not (i and _carries_on(clause, k)) for i, k in enumerate(counted)) % 2 == 1


def _as_often(clause: Sequence[str], k: int) -> bool:
    """Whether the act denied after the cue at ``k`` is only said to happen less: "doesn't need to
    fetch data from RAM as often", "did not grow as quickly" (less often, more slowly: not never)."""
    return any(a == "as" and b in _AS_MUCH for a, b in itertools.pairwise(clause[k + 1:]))


_AS_MUCH = frozenset("often frequently much many quickly fast rapidly far long hard well easily".split())


def _carries_on(clause: Sequence[str], k: int) -> bool:
    """Whether the cue just before ``k`` denies a second thing alongside an earlier denial: "nor",
    or a cue straight after "and" or "or"."""
    return clause[k - 1] == "nor" or (k >= 2 and clause[k - 2] in _COORDINATORS)


_COORDINATORS = frozenset({"and", "or"})


def _limits(window: Sequence[str], cue: str = "") -> bool:
    """Whether a limiting word follows a cue ("not the single biggest", "not all"); "a single"
    and "at all" are none: "not a single store", "not at all out of fear" deny (not one, none),
    as "no single owner keeps it all" does."""
    return any(w in _ADDITIVE and (window[i - 1] if i else cue, w) not in _EMPHATIC
               and not (w in _EVERY and cue in _DENYING_VERBS) for i, w in enumerate(window))


_EMPHATIC = frozenset({("a", "single"), ("one", "single"), ("at", "all"), ("no", "single")})
# Verbs that pass over what they take: what follows is left out ("ignores biological causes"), and
# says nothing of the subject's own part (see _plays_no_part); each one a cue of NEGATORS
_PASSES_OVER = frozenset("ignored ignore ignores ignoring neglected neglect missed miss misses missing avoided "
                         "avoid avoids avoiding skipped skip skips skipping overlooked overlooks overlook "
                         "overlooking".split())
# A verb that denies what it takes ("refused all aid", "ignored everything", "failed completely")
# denies the whole of it: "all" after it is emphatic, where "not all" limits
_DENYING_VERBS = _PASSES_OVER | frozenset("refused refuse refuses refusing failed fail fails failing lacked lack "
                                          "lacks lacking boycotted boycott boycotts boycotting".split())
_EVERY = frozenset("all everything everyone completely totally entirely fully wholly".split())


# A view denied ("I do not think ...") denies the clause that follows it: a limiting word there
# limits ("... she is the only one to blame")
_VIEWS = frozenset("think believe feel say agree suppose".split())
_VIEW_REACH = 6  # words after a view's verb in which a limiting word limits it


def _limit_reach(clause: Sequence[str], k: int) -> int:
    if clause[k:k + 1] and clause[k] in _VIEWS:
        return _VIEW_REACH
    # "cannot be the only cause", "could not have been the main reason": the verb says nothing
    return _LIMIT_REACH + sum(1 for _ in itertools.takewhile(_BE_OR_HAVE.__contains__, clause[k:k + 2]))


_BE_OR_HAVE = frozenset("be been have".split())


def _compares(clause: Sequence[str], k: int) -> bool:
    """Whether the cue before position ``k`` opens a comparison of importance ("not as important
    as the Testament", "not as big a factor as"): a lesser part in the question, not none. Other
    comparisons deny ("not as loyal as he thought")."""
    # (the clause ends before the second "as" when a clause could follow it: "as the Testament")
    if k >= len(clause) or clause[k] not in _AS:
        return False
    # "not as strong" with nothing it is compared with: less strong, said of the thing, no denial
    # ("not as loyal as he thought" is read on to its second "as": a denial)
    bare = k + 2 == len(clause) and "ADJ" in word_classes(clause[k + 1])
    return bare or not _ROLE.isdisjoint(clause[k + 1:k + 4])


def _denying(text: str) -> Iterator[tuple[list[str], int, bool]]:
    """Each denying clause of ``text``, the position just after its first cue, and whether it
    denies its subject any part in the question ("storm waves are not important", "groynes make
    no difference"): read once, for :func:`denials` and :func:`denied_terms` alike."""
    for clause in _clauses(text):
        if _denies(clause):
            first = _cues(clause)[0]
            yield clause, first, _plays_no_part(clause, first, _ROLE_REACH)


def cue_words(text: str, term: Callable[[str], str | None] | None = None,
              about: Collection[str] = ()) -> list[str]:
    """The negation cues of ``text`` as written there ("missed", "wasn't"), first come first; a
    cue the reader supplies ("instead of" read as "not") is left out. Given ``about`` (terms, as
    ``term`` makes them), those of the clauses holding one of them, a double negative's too
    ("never missed"): in "Trotsky never missed a meeting and he didn't underestimate Stalin", a
    point on Trotsky missing something is turned by "never" and "missed", not "didn't". Every
    denying clause's cue when no such clause has one."""
    written = set(split_tokens(fold_many([text]))[0])
    denying, turning = [], []
    for clause in _clauses(text):
        cues = [clause[k - 1] for k in _cues(clause)]
        if _denies(clause):
            denying.extend(cues[:1])
        if term is not None and about and not set(map(term, clause)).isdisjoint(about):
            turning.extend(cues)
    return [c for c in dict.fromkeys(turning or denying) if c in written]


def _plays_no_part(clause: Sequence[str], first: int, reach: int) -> bool:
    """Whether the denial whose cue ends at ``first`` says its subject had no part in the
    question: a word of its role within ``reach`` words, or "nothing to do with". After a verb that
    passes over its object the role word is that object: "the approach ignores biological causes"
    leaves the causes out, and says nothing of the approach's own part."""
    if clause[first - 1] in _PASSES_OVER:
        return False
    if clause[first - 1] in _DISMISSING:
        return True
    return not _ROLE.isdisjoint(clause[first:first + reach]) or clause[first:first + len(_DO_WITH)] == _DO_WITH


def denies_unseen(text: str, term: Callable[[str], str | None]) -> bool:
    """Whether a clause of ``text`` denies something in words that carry no term ("he wasn't
    there when Lenin was buried"): a denial its terms do not show."""
    return any(not any(map(term, clause)) for clause, _, _ in _denying(text))


def denials(text: str, term: Callable[[str], str | None]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Each denying clause of ``text`` as (the terms before its first cue, the terms after it):
    what the clause is about, and what it says that thing is not ("his idea of permanent
    revolution | was not popular"). A clause denying that its subject mattered at all ("storm
    waves are not important", "groynes make no difference") denies the subject's part in the
    question, whatever the point says: it is left out, so the subject stays denied."""
    out = []
    for clause, first, role in _denying(text):
        if role:
            continue
        about, said = clause[:first - 1], clause[first:]
        if first >= 2 and clause[first - 1] in _NONE and not any(map(term, said)):
            # "savings were worth nothing", "he knew nothing": what the pronoun ends is said to be
            # none; the subject is not denied ("savings" are still spoken of)
            about, said = clause[:first - 2], clause[first - 2:first - 1]
        out.append((frozenset(filter(None, map(term, about))), frozenset(filter(None, map(term, said)))))
    return out


def ruled_out(text: str, term: Callable[[str], str | None]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(the terms, what the text says instead) of each clause of ``text`` that opens on its denial:
    the alternative a statement rules out ("through a backstairs deal, rather than | by winning a
    majority"), and the means or reason its other clauses give ("a backstairs deal"), else all
    they say. What its other clauses say too is not ruled out: "raise money for investment instead
    of waiting for the government to give them money" still raises money."""
    clauses = list(_clauses(text))
    out = []
    for clause in clauses:
        if clause[:1] != ["not"] or not _denies(clause):
            continue
        others = [c for c in clauses if c is not clause and c[:1] != ["not"]]
        elsewhere = frozenset(t for c in others for t in filter(None, map(term, c)))
        if said := frozenset(filter(None, map(term, clause[1:]))) - elsewhere:
            means = {t for c in others for at, tok in enumerate(c) if tok in _GROUNDS
                     for t in filter(None, map(term, c[at + 1:]))}
            out.append((said, frozenset(means) or elsewhere))
    return out


# What the means or the reason a statement gives instead follows ("through a backstairs deal"); not
# _MEANS, the means of a stopping, which this had shadowed
_GROUNDS = frozenset("through by via for because".split())
_NONE = frozenset("nothing none nobody".split())  # a pronoun: what it ends is none, not its clause's subject


def dismissed_terms(text: str, term: Callable[[str], str | None]) -> set[str]:
    """What ``text`` denies any part in the question: the subject of each clause saying it did
    not matter ("storms made no difference", "the Testament had nothing to do with it")."""
    return {t for clause, first, role in _denying(text) if role and _plays_no_part(clause, first, _DISMISS_REACH)
            for t in filter(None, map(term, clause[:first - 1]))}


def denied_terms(text: str, term: Callable[[str], str | None]) -> set[str]:
    """What ``text`` denies: the terms after the first cue of each denying clause ("the
    substrate | no longer fits the active site"), or the whole clause where it denies its
    subject any part ("storms made no difference")."""
    return {t for clause, first, role in _denying(text)
            for t in filter(None, map(term, clause if role else clause[first:]))}



def main_denial(text: str, term: Callable[[str], str | None]) -> frozenset[str]:
    """What ``text``'s first clause denies, when it denies: the terms after its first cue ("A fuel
    cell does not | need recharging and ..."); none when it states something ("Lady Macbeth persuades
    Macbeth ... when he decides not to kill Duncan" denies only in a clause of its own)."""
    for clause in _clauses(text):
        if not any(map(term, clause)):
            continue
        if not _denies(clause):
            return frozenset()
        return frozenset(filter(None, map(term, clause[_cues(clause)[0]:])))
    return frozenset()


def unit_terms(unit_texts: Sequence[str], term: Callable[[str], str | None],
               tokens: Sequence[Sequence[str]] | None = None) -> dict[str, bool]:
    """:func:`clause_terms` of a unit of one or two sentences. Given the sentences' raw
    ``tokens``, a unit without a negation cue (most) takes its terms from them directly."""
    if tokens is not None and not any(map(_may_deny, tokens)):
        return dict.fromkeys(filter(None, map(term, (w for t in tokens for w in t))), False)
    found: dict[str, bool] = {}
    for text in unit_texts:
        for t, neg in clause_terms(text, term).items():
            found[t] = found.get(t, neg) and neg
    return found


def merge_terms(parts: Sequence[dict[str, bool]]) -> dict[str, bool]:
    """The terms of several sentences: negated only where every sentence using it negates it."""
    if len(parts) == 1:
        return parts[0]
    out: dict[str, bool] = {}
    for part in parts:
        for t, neg in part.items():
            out[t] = out.get(t, neg) and neg
    return out

