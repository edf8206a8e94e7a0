"""Pairs of learners' questions, labelled by hand: does one answer serve both?

Written for the bundled smart-cities course: questions it leaves open (and some it
covers), each with rephrasings that want the same answer, and questions sharing words
with them that want another. Used by test_closeness.py and `benchmarks/notes.py --pairs`.
"""

from __future__ import annotations

SAME = True
OTHER = False

PAIRS: tuple[tuple[str, str, bool], ...] = (
    ("how do I get an open data licence?", "what licence do open data sets need?", SAME),
    ("how do I get an open data licence?", "how do I licence open data for reuse", SAME),
    ("how do I get an open data licence?", "who owns open data", OTHER),
    ("how do I get an open data licence?", "what is an open data portal", OTHER),
    ("who owns open data", "what is an open data portal", OTHER),
    ("what is quantum entanglement?", "can you explain quantum entanglement to me?", SAME),
    ("what is quantum entanglement?", "what is quantum computing?", OTHER),
    ("is quantum computing used in cities", "quantum computers in smart cities", SAME),
    ("how much does a smart streetlight cost", "what does a smart street light cost?", SAME),
    ("how much does a smart streetlight cost", "how much energy do street lights use", OTHER),
    ("when is the assignment due?", "what is the deadline for the assignment?", SAME),
    ("when is the assignment due?", "how long should the assignment be?", OTHER),
    ("how long should the assignment be?", "what is the word limit for the assignment?", SAME),
    ("is there a certificate at the end?", "do I get a certificate when I finish the course?", SAME),
    ("is there a certificate at the end?", "how much does the certificate cost?", OTHER),
    ("can I download the videos?", "how do I download the lecture videos for offline viewing?", SAME),
    ("can I download the videos?", "are there subtitles for the videos?", OTHER),
    ("are there subtitles for the videos?", "do the videos have captions?", SAME),
    ("what is medieval falconry", "how were falcons trained in the middle ages", SAME),
    ("what is medieval falconry", "what is a smart city", OTHER),
    ("how do sensors measure air quality", "which sensors measure air pollution", SAME),
    ("how do sensors measure air quality", "how do sensors count traffic", OTHER),
    ("what programming language should I learn for smart cities", "which coding language is best for "
     "smart city projects", SAME),
    ("what programming language should I learn for smart cities", "what jobs are there in smart cities",
     OTHER),
    ("how do I join a study group?", "how can I get into a study group", SAME),
    ("how do I join a study group?", "how do I leave my study group?", OTHER),
    ("what does GDPR say about sensor data", "is sensor data covered by GDPR", SAME),
    ("what does GDPR say about sensor data", "what does GDPR say about cookies", OTHER),
)
