"""Person titles: they precede a name but are not part of it."""
from __future__ import annotations

import re

from tidings.enrich.literal_regex import alternation

_CORE = r"""
Deputy Assistant Secretary of State|Assistant Secretary of State|Under Secretary of State|Undersecretary of State
|Deputy Secretary of State|Secretary of State|Secretary of Defense|Secretary of the Treasury|Treasury Secretary
|Defense Secretary|Defence Secretary|Home Secretary|Foreign Secretary|Health Secretary|Commerce Secretary
|Energy Secretary|Interior Secretary|Labor Secretary|Transportation Secretary|Press Secretary|Cabinet Secretary
|Secretary-General|Secretary General|General Secretary|Permanent Secretary|Secretary
|Deputy Prime Minister|Prime Minister|First Minister|Chief Minister|Foreign Minister|Defence Minister|Defense Minister
|Finance Minister|Interior Minister|Economy Minister|Economic Minister|Energy Minister|Health Minister|Trade Minister
|Justice Minister|Education Minister|Agriculture Minister|Environment Minister|Culture Minister|Deputy Foreign Minister
|Minister of State|Minister|Vice Chancellor|Chancellor of the Exchequer|Chancellor
|President-elect|Vice President|Vice-President|President|Premier|Vice Premier|Supreme Leader|Chief Executive|Chairwoman|Chairman|Chairperson|Chair
|Attorney General|Solicitor General|Chief Justice|Justice|Judge|Magistrate|Prosecutor|Chief Prosecutor
|Senator|Sen\.|Representative|Rep\.|Congressman|Congresswoman|Governor|Gov\.|Lieutenant Governor|Mayor|Deputy Mayor
|Speaker|House Speaker|Majority Leader|Minority Leader|Ambassador|Special Envoy|Envoy|Spokesperson|Spokesman|Spokeswoman
|Crown Prince|Sheikh|Sheik|Emir|Sultan|Grand Ayatollah|Ayatollah|Cardinal|Archbishop|Bishop|Rabbi|Imam|Reverend|Rev\.
|Director-General|Director General|Administrator|Deputy Administrator|Deputy Director|Director|Commissioner|High Commissioner|Inspector|Chief Inspector
|Field Marshal|General|Gen\.|Lieutenant General|Lt\. Gen\.|Major General|Maj\. Gen\.|Brigadier General|Brig\. Gen\.
|Lieutenant Colonel|Lt\. Col\.|Colonel|Col\.|Major|Maj\.|Captain|Capt\.|Lieutenant|Lt\.|Sergeant|Sgt\.|Admiral|Adm\.
|Vice Admiral|Rear Admiral|Commander|Cmdr\.|Chief of Staff|Superintendent|Detective
|CEO|Chief Executive Officer|CFO|COO|Executive Director|Managing Director|Coach|Chief Financial Officer
|Chief Operating Officer|Chief Technology Officer|Chief Information Officer|Chief Marketing Officer|Chief Economist
|Chief Investment Officer|Chief Scientist|Chief Medical Officer|Chief Strategist|General Counsel
|Councillor|Councilor|Councilman|Councilwoman|Alderman|Alderwoman|Curator
|Deputy|Advocate|Professor|Prof\.|Dr\.|Dr|Mr\.|Mr|Mrs\.|Mrs|Ms\.|Ms|Miss|Sir|Dame|Lord|Lady|Baroness|Baron
"""
_REGNAL = r"King|Queen|Pope|Prince|Princess|Emperor|Empress|Tsar|Patriarch"

# The titles as plain strings ("Sen." unescaped); the regex alternation is their trie.
_TITLES = sorted({t.strip().replace("\\.", ".") for t in (_CORE + "|" + _REGNAL).replace("\n", "").split("|") if t.strip()})
TITLE_ALTERNATION = alternation(_TITLES)
# One or more titles in a row, optionally joined by hyphens ("Deputy Foreign Minister").
_MODIFIERS = "Acting|Former|Deputy|Interim|Then-|then-|Outgoing|Incoming"
TITLE_RUN = re.compile(rf"(?:(?:{_MODIFIERS})\s*)?(?:{TITLE_ALTERNATION})(?:\s+(?:{TITLE_ALTERNATION}))*(?![\w\-])")
# The first words titles can start with: a phrase starting with none of them needs no regex.
TITLE_STARTS = tuple({t.split(" ")[0] for t in _TITLES} | set(_MODIFIERS.split("|")))
# The title starts by their first two characters (every one has two at least), so a word is compared
# with the few starts that share its first two letters, not with all of them.
_STARTS_BY_HEAD = {head: tuple(t for t in TITLE_STARTS if t[:2] == head) for head in {t[:2] for t in TITLE_STARTS}}


def may_start_title(text: str, pos: int = 0) -> bool:
    """True when a title may start at text[pos] (a dictionary lookup first: most words are no title)."""
    starts = _STARTS_BY_HEAD.get(text[pos:pos + 2])
    return starts is not None and text.startswith(starts, pos)
# A title anywhere in a text, starting at a word boundary. Every title starts with a capital or
# "then-"; the lookahead lets the regex engine skip to those letters instead of trying each position.
TITLE_ANYWHERE = re.compile(r"(?=[A-Zt])(?<![\w\-])(?:" + TITLE_RUN.pattern + ")")
# Common nouns that say "the next capitalised words are a person" ("spokesman John Kirby").
LOWER_ROLE = re.compile(
    r"(?:spokesman|spokeswoman|spokesperson|minister|secretary|president|chancellor|envoy|ambassador|senator"
    r"|governor|mayor|leader|chief|director|commander|general|prosecutor|judge|lawyer|attorney|analyst|economist"
    r"|professor|researcher|official|diplomat|negotiator|adviser|advisor|aide|CEO|founder|chairman|chairwoman"
    r"|head|coach|manager|activist|journalist|correspondent|writer|author|candidate|lawmaker|MP|MEP|premier"
    r"|executive|counterpart|predecessor|successor|rival|opponent|deputy|colleague|wife|husband|son|daughter|brother|sister"
    r"|forecaster|meteorologist|scientist|co-founder|member|superintendent|nurse|teacher|officer)$"
)


def strip_leading_title(name: str) -> tuple[str, int]:
    """Remove titles at the start of a person name; return the rest and how many chars were cut."""
    m = TITLE_RUN.match(name) if may_start_title(name) else None
    if not m:
        return name, 0
    cut = m.end()
    while cut < len(name) and name[cut] in " \t\n,":
        cut += 1
    rest = name[cut:]
    if not rest or not rest[0].isupper():
        return name, 0
    return rest, cut


def is_title(phrase: str) -> bool:
    """True when the whole phrase is a title ("Secretary of State", "State")."""
    phrase = phrase.strip()
    return may_start_title(phrase) and bool(TITLE_RUN.fullmatch(phrase))
