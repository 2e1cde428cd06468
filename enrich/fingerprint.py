"""Text fingerprints for finding near-duplicate articles (the same wire story in two feeds).

A 64-bit SimHash over word 3-shingles: texts that share most of their wording get
fingerprints a few bits apart, whatever their length.
"""

from __future__ import annotations

import hashlib
import re

BITS = 64
MIN_WORDS = 40  # shorter texts (teasers, summaries) are too alike to tell apart
_WORD = re.compile(r"\w+")


def simhash(text: str) -> int | None:
    """The text's fingerprint as a signed 64-bit int (SQLite's integer), or None if too short."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    s0, s1, s2, s3, s4, s5, s6, s7 = _SPREAD
    total = 0
    for i in range(len(words) - 2):
        d = hashlib.blake2b(" ".join(words[i : i + 3]).encode(), digest_size=8).digest()
        total += s0[d[0]] + s1[d[1]] + s2[d[2]] + s3[d[3]] + s4[d[4]] + s5[d[5]] + s6[d[6]] + s7[d[7]]
    shingles = len(words) - 2
    # A bit is set when more than half the shingles have it (its +1/-1 vote is positive).
    fingerprint = sum(1 << bit for bit in range(BITS) if 2 * (total >> bit * _LANE & _LANE_MASK) > shingles)
    return fingerprint - (1 << BITS) if fingerprint >= 1 << (BITS - 1) else fingerprint


# Counting each bit's votes one shingle and one bit at a time cost 7 ms an article; instead every
# digest byte is spread into one counter lane per bit of a wide integer, and the lanes are summed
# in one addition per byte. _SPREAD[i][byte] holds the bits of the digest's i-th (big-endian) byte.
_LANE = 24  # bits per counter: more shingles than the longest analysed text has
_LANE_MASK = (1 << _LANE) - 1
_SPREAD = [[sum(1 << ((7 - i) * 8 + bit) * _LANE for bit in range(8) if byte >> bit & 1) for byte in range(256)]
           for i in range(8)]


def distance(a: int, b: int) -> int:
    """How many bits two fingerprints differ in."""
    return bin((a ^ b) & ((1 << BITS) - 1)).count("1")
