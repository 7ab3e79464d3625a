import pytest
from hypothesis import given
from hypothesis import strategies as st
from resources import LONG_CONCLUSION

from essaycoach.sentences import paragraph_breaks, sentence_ends, split_sentences


@pytest.mark.parametrize("text, expected", [
    ("Stalin won. Trotsky lost.", ["Stalin won.", "Trotsky lost."]),
    ("He became Gen. Sec. in 1922. Then he won.", ["He became Gen. Sec. in 1922.", "Then he won."]),
    ("V.I. Lenin died on 21 Jan. 1924. Stalin spoke.", ["V.I. Lenin died on 21 Jan. 1924.", "Stalin spoke."]),
    ("Power grew c. 1924 e.g. through appointments. Next.", ["Power grew c. 1924 e.g. through appointments.", "Next."]),
    ("- testament\n- funeral\n* gen sec", ["testament", "funeral", "gen sec"]),
    ("1. Testament. 2. Funeral.", ["Testament.", "Funeral."]),
    ("Stalin used his position as General Secretary to appoint loyal supporters to\nthe key posts in the party. Done!",
     ["Stalin used his position as General Secretary to appoint loyal supporters to\nthe key posts in the party.",
      "Done!"]),
    ("Why did he win? Because of the party!", ["Why did he win?", "Because of the party!"]),
    # a writer who never uses capitals: a whole word's full stop ends the sentence (a probe: whole
    # answers were read as run-ons cut at their clauses, quoted across the full stops)
    ("wages go up which is good for them. it also means they spend more.",
     ["wages go up which is good for them.", "it also means they spend more."]),
    # and after a bracket or a quote (probe 77: two points read as one merged "note")
    ("ribosomes r smaller (70S) than eukaryote ones (80S). prokaryotes r way smaller",
     ["ribosomes r smaller (70S) than eukaryote ones (80S).", "prokaryotes r way smaller"]),
    ('He called it "a Diktat". they hated it.', ['He called it "a Diktat".', "they hated it."]),
    ("stalin used the gen. sec. post. he appointed allies.",
     ["stalin used the gen. sec. post.", "he appointed allies."]),
    ("there were approx. ten million deaths.", ["there were approx. ten million deaths."]),
    ("", []),
    ("   \n\n ", []),
])
def test_split_table(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


WRAPPED = ("Stalin's rise owed most to his post as General Secretary, which gave him control over\n"
           "appointments and the delegates who voted at congresses.")


@pytest.mark.parametrize("text, lines", [
    # wrapped at 90 characters
    (WRAPPED, 1),
    # the same text wrapped narrower (an e-mail's 72 columns)
    ("Stalin's rise owed most to his post as General Secretary, which gave\n"
     "him control over appointments in the party, and so over the delegates\n"
     "who voted at its congresses.", 1),
    # notes typed a line each: every short line is a note of its own, lower case or not
    ("reparations - couldnt pay, Versailles\nRuhr invaded Jan 1923 (France + Belgium)\n"
     "passive resistance - strikes, govt paid workers\nprinting money -> hyperinflation\n"
     "savings gone, middle class angry", 5),
    # a short line in wide text ends where its writer ended it
    ("The army was purged and Tukhachevsky was shot in 1937 along with most of the senior officers.\n"
     "trials - fake confessions\nterror spread to ordinary people", 3),
    # lines wider than any wrap, each ended by its writer without a full stop (probe 82: the two read as
    # one sentence, so "nun of it refracts out" denied the next line's point)
    ("TIR = when light goes from a denser material (glass) -> less dense (air) & the angle of incidence is > the "
     "critical angle. then ALL the light reflects back in, nun of it refracts out\nin a optical fibre the light "
     "hits the side of the glass at a angle bigger then the critical angle so it gets TIR'd and it keeps doing "
     "this again + again all the way down the fibre", 3),
    # a line wider than the one above it would have been with its first word was typed so (probe 169:
    # two notes read as one, so the first one's point went to the second's)
    ("poly(ethene) made from loads of ethene monomers, ethene has C=C dubble bond\nin addition polymerisation "
     "the dubble bond breaks open + monomers join up in long chain, no other product made", 2),
])
def test_a_line_is_rejoined_only_where_wrapping_broke_it(text, lines):
    assert len(split_sentences(text)) == lines


def test_run_on_text_is_cut_into_clauses():
    text = ("trotsky was arrogant and he thought he would win because he led the red army and he "
            "didnt care about the party admin and stalin did and so stalin got loads of supporters "
            "and then he made alliances with zinoviev and kamenev and then bukharin and in the end "
            "trotsky was exiled and stalin won")
    parts = split_sentences(text)
    assert len(parts) >= 2
    assert all(len(p.text.split()) <= 40 for p in parts)


def test_a_run_on_cut_at_its_commas_quotes_each_clause_without_the_comma():
    """Feedback quotes these pieces: "...never oppose Stalin," read as a slip (a browser walk)."""
    text = ("Stalin used his position as General Secretary to appoint his own supporters to key posts in the "
            "party, which meant that at the party congresses he could rely on the votes of delegates who owed "
            "their jobs to him and who would never oppose Stalin; this was why Trotsky and the Left Opposition "
            "were outvoted again and again in 1925 and 1926 and finally expelled.")
    parts = [p.text for p in split_sentences(text)]
    assert len(parts) == 3 and parts[0].endswith("in the party") and parts[1].endswith("never oppose Stalin")


@pytest.mark.parametrize("link, meant", [("becuase", "because"), ("beacuse", "because"), ("howver", "however"),
                                         ("wheras", "whereas"), ("because", "because")])
def test_a_run_on_is_cut_at_a_misspelt_linking_word_as_at_the_word_spelt_right(link, meant):
    """Run-on text is typed in a hurry: "becuase" ends a clause as "because" does, so the quoted
    pieces are clauses, not fixed-size chunks that cut "the testament which | said..." apart."""
    def pieces(word: str) -> list[str]:
        return [p.text for p in split_sentences(
            "trotsky lost the power struggle after lenin died he made lots of mistakes and he did not go to the "
            f"funeral or publish the testament which said stalin was too rude {word} stalin was also clever as "
            "general secretary he could appoint his own supporters to jobs in the party and they voted for him")]
    misspelt, right = pieces(link), pieces(meant)
    assert [len(p.split()) for p in misspelt] == [len(p.split()) for p in right]
    assert any(p.startswith(link) for p in misspelt) and misspelt[0].endswith("too rude")


@pytest.mark.parametrize("word", ["through", "whereby", "bemused"])  # English words near a linking word
def test_an_english_word_near_a_linking_word_does_not_cut_a_run_on(word):
    text = ("the party congress voted for stalin again and again in those years and the delegates who came to "
            f"moscow owed their jobs to him {word} the votes they gave went his way at every single congress until "
            "trotsky was finally out of the party and then out of the country for good")
    assert len(text.split()) > 40
    lengths = [len(p.text.split()) for p in split_sentences(text)]
    assert lengths == [len(p.text.split()) for p in split_sentences(text.replace(word, "zzzz"))]


@given(st.text(max_size=400))
def test_offsets_point_into_the_text(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
        assert s.text.strip() == s.text and s.text


@pytest.mark.parametrize("text, breaks", [
    ("One. Two. Three.", set()),
    ("One. Two.\n\nThree. Four.", {1}),
    ("One.\n   \nTwo.\n\n\nThree.", {0, 1}),
    ("One.\nTwo.", set()),          # a line break inside a paragraph (hard-wrapped text) is no break
    ("", set()),
])
def test_paragraph_breaks_are_the_blank_lines_between_sentences(text, breaks):
    assert paragraph_breaks(text, split_sentences(text)) == breaks



@pytest.mark.parametrize("text, ends", [
    ("Trotsky lost. Stalin won.", [0, 1]),
    (LONG_CONCLUSION, [2, 2, 2]),                      # one written sentence cut at its clauses
    (LONG_CONCLUSION + " It was a sham.", [2, 2, 2, 3]),
    ("- funeral\n- testament\n- Red Army", [0, 1, 2]),   # notes: a line ends each
    ("He said \"no.\" Then he left.", [0, 1]),         # a closing quote after the stop
])
def test_sentence_ends_group_the_pieces_of_one_written_sentence(text, ends):
    assert sentence_ends(text, split_sentences(text)) == ends
