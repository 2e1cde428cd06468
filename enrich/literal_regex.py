"""A regex alternation of many literal words, written as a trie.

Python's regex engine tries the branches of an alternation one after another, so a list of
two hundred titles costs two hundred tries at every capital letter. As a trie ("Chief
(?:Executive(?: Officer)?|Justice)") it costs a few. The longest word that matches at a
position is tried first, then the shorter ones, as in a longest-first alternation: words that
match at one position are prefixes of each other, and each optional tail is greedy.
"""
from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex matching any of `words` (literal strings), longest first."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # the end of a word
    return _pattern(trie)


def _pattern(node: dict) -> str:
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body
