"""A small shared corpus of essays for table tests (real prompts, student-style writing), and a
builder for the .docx files a teacher uploads."""
import io


def docx_bytes(text: str) -> bytes:
    """A .docx holding ``text``, one paragraph a line."""
    import docx

    document = docx.Document()
    for para in text.split("\n"):
        document.add_paragraph(para)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


TROTSKY_STRONG = """Stalin's success in the power struggle after Lenin died in 1924 was partly due to Trotsky's errors of judgement, but I will argue it was mainly due to Stalin's own skill as General Secretary and the popularity of his ideas.

Trotsky certainly made big mistakes. He did not press for Lenin's Testament to be published, even though it said Stalin was rude and should be removed from his post. If it had been read out to the whole party, Stalin's position would have been badly damaged. He also missed Lenin's funeral in January 1924, which let Stalin give the main speech and look like Lenin's true heir at a time when people were looking for a new leader. On top of this Trotsky was arrogant and overconfident: he thought his role leading the Red Army in the Civil War meant the leadership would fall to him, and he looked down on the boring admin work of the party, so he never built up a network of supporters.

Trotsky also misjudged his moment. In 1926 he joined Zinoviev and Kamenev in the United Opposition, but because they had attacked him only two years before, this looked opportunistic and it gave him a bad image. By 1927 he had been expelled from the party and his challenge was over.

However, Stalin's position as General Secretary was even more important. It let him appoint his own supporters to key posts and pack the party congress, so he had a loyal network that voted for him. Stalin also played on fears that Trotsky might use the Red Army to launch a military coup like Napoleon, which won over moderates. His idea of Socialism in One Country was more popular than Trotsky's Permanent Revolution because people were tired of war and wanted stability, and it fitted with the NEP. Also Zinoviev and Kamenev and later Bukharin misjudged Stalin and were outmanoeuvred one after another, so it was not only Trotsky who got it wrong.

In conclusion, Trotsky's errors helped Stalin, but Stalin's control of the party machine was the most important reason because it gave him the votes at the congresses, and even a more careful Trotsky would have struggled against it."""

TROTSKY_MISSPELT = """Trotksy was to arrogent and he didnt turn up when Lenin was buried so Stalin looked like the heir. Stalins job as gen sec let him put his mates in the party. Kamanev and Zinovev teamed up with Stalin against Trotksy at first. Lenins will said Stalin was rude but it was never published."""

OFF_TOPIC = """Collectivisation was introduced in 1928 to feed the workers in the cities. Peasants were forced onto collective farms and the kulaks were deported. This caused a terrible famine in Ukraine known as the Holodomor, where millions starved. Grain was taken by force and animals were slaughtered by peasants who resisted."""

KEYWORDS = """- Lenin's testament
- funeral 1924
- gen sec
- socialism in one country
- permanent revolution
- Z and K
- expelled 1927"""

EMPTY = ""


# A conclusion of over 40 words: cut at its clauses for matching, one sentence as written.
LONG_CONCLUSION = ("In conclusion, the Constitution was introduced mainly to improve Stalin's image at home and "
                   "abroad, but it did not change how the USSR was governed, because the Party and the terror "
                   "kept real power in the hands of Stalin and the NKVD.")


# Every point argues Trotsky's errors; three sentences name points of the other side in passing
# (the Red Army, "removed as General Secretary", Stalin "presenting himself as Lenin's loyal follower").
TROTSKY_ONE_SIDED = """Stalin's success in the power struggle was mainly due to Trotsky's own errors of judgement.

Trotsky was overconfident. He thought that because he had led the Red Army to victory in the Civil War and was famous across Russia, the leadership would simply fall to him when Lenin died. He looked down on the ordinary party members and thought administrative work was beneath him, so he built no base of support among them.

He also missed Lenin's funeral in January 1924. Stalin was there and gave a speech presenting himself as Lenin's loyal follower, while Trotsky stayed away, which looked disrespectful.

Most importantly, Trotsky failed to use Lenin's Testament. Lenin had written that Stalin was too rude and should be removed as General Secretary, but Trotsky did not push for it to be published, so Stalin survived.

In 1926 Trotsky joined Zinoviev and Kamenev in the United Opposition. This looked opportunistic, because he had attacked them only a few years before, and it destroyed his credibility. He was expelled from the party in 1927 and did nothing effective to stop it.

In conclusion, Trotsky's mistakes were the main reason Stalin won, because at each stage he threw away the advantages he had.
"""


def verdict(engine, text: str, rubric, point: str):
    """The verdict on ``point`` of ``text`` marked against ``rubric``."""
    return next(p for p in engine.grade(text, rubric).points if p.id == point)
