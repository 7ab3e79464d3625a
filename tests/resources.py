"""A small shared corpus of essays for table tests (real prompts, student-style writing)."""

TROTSKY_STRONG = """Stalin's success in the power struggle after Lenin died in 1924 was partly due to Trotsky's errors, but mainly due to Stalin's own skill as General Secretary.

Trotsky made big mistakes. He did not press for Lenin's Testament to be published, even though it said Stalin was rude and should be removed. He also missed Lenin's funeral in January 1924, which let Stalin look like Lenin's true heir. Trotsky was arrogant and looked down on the boring admin work of the party.

However, Stalin's position as General Secretary let him appoint his own supporters to the party congress, so he had a loyal network. His idea of Socialism in One Country was more popular than Trotsky's Permanent Revolution because people were tired of war. Also Zinoviev and Kamenev and later Bukharin misjudged Stalin and were outmanoeuvred.

In conclusion, Trotsky's errors helped Stalin, but Stalin's control of the party machine was the most important reason because it gave him the votes at the congresses."""

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
