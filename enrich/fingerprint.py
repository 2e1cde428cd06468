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
    counts = [0] * BITS
    for i in range(len(words) - 2):
        digest = hashlib.blake2b(" ".join(words[i : i + 3]).encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "big")
        for bit in range(BITS):
            counts[bit] += 1 if value >> bit & 1 else -1
    fingerprint = sum(1 << bit for bit in range(BITS) if counts[bit] > 0)
    return fingerprint - (1 << BITS) if fingerprint >= 1 << (BITS - 1) else fingerprint


def distance(a: int, b: int) -> int:
    """How many bits two fingerprints differ in."""
    return bin((a ^ b) & ((1 << BITS) - 1)).count("1")
