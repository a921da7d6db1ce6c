"""Words around a name that say it is a person, whatever label the model gave it.

"Valeska Paris, an Australian woman and former Scientologist, ..." : the model
read "Valeska" and "Paris" as two places; the apposition says "a woman". A
title before a name says so too ("Ms Paris", "Dr. Kamen"). These cues relabel
the model's span (and join two spans split by one space, "Valeska" + "Paris")
before document consistency counts votes, so the rest of the document follows
through the usual rules ("Paris claims ..." joins "Valeska Paris"). So do an
occupation before a name ("designer Halston"), a list of people ("Ansel Adams,
Chuck Close, Walker Evans"), a possessive before a name ("New People Party's
Regina Ip") and "<name> for <organisation>" read as one ORG. A building after a
preposition of place ("at Johnson Space Center") is a place.

Some words say a name is not a person: a one-word "person" right after a
lowercase "the" and not modifying a noun ("during the Hajj,", "fighting the
Houthis."), "Year" in a title ("Person of the Year"), and the social networks
the small model takes for people everywhere ("posted on Twitter": 52 of its
mentions in the Wikinews articles, so neither the document's votes nor the
corpus's can overrule it), and the streaming services it takes for places.
"""

from __future__ import annotations

import re

from .names import clean_name

# Nouns that only name people; an apposition "X, a/an/the ... <noun>" makes X a person.
_PEOPLE = (
    "woman|man|girl|boy|mother|father|wife|husband|son|daughter|widow|grandmother|grandfather"
    "|spokesman|spokeswoman|spokesperson|actor|actress|singer|songwriter|rapper|musician|comedian"
    "|player|footballer|striker|midfielder|defender|goalkeeper|athlete|cyclist|boxer|coach"
    "|politician|lawmaker|senator|congressman|congresswoman|businessman|businesswoman|entrepreneur"
    "|author|writer|novelist|poet|journalist|reporter|columnist|photographer|painter|sculptor|artist"
    "|lawyer|attorney|judge|activist|campaigner|scientist|researcher|professor|teacher|student"
    "|doctor|nurse|surgeon|physician|astronaut|pilot|soldier|officer|detective|priest|bishop|imam|rabbi"
    "|resident|citizen|survivor|victim|witness|suspect|defendant|inmate|refugee|volunteer|member"
    "|director|designer|architect|engineer|inventor|founder|chairman|chairwoman|chief executive"
)
_AFTER = re.compile(
    rf",\s+(?:(?:aged\s+)?\d{{1,3}},|(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_PEOPLE})s?\b)",
    re.IGNORECASE,
)
_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame)\.?\s+$")
# An occupation just before a name: "fashion designer Halston", "athletes Vitas Gerulaitis"
# (the model gave "Gerulaitis" alone, as a place: the capitalised words between join it).
_ROLE_BEFORE = re.compile(rf"\b(?:{_PEOPLE})s?\s+((?:[A-Z][\w'’-]*\s+){{0,2}})$")
# Names in one list are of one kind: "Ansel Adams, Chuck Close, Walker Evans (ORG), Robert Mapplethorpe".
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)\s*")
# "New People Party's Regina Ip": two name-shaped words after an organisation's or a country's
# possessive are one of its people, unless they are a title ("Britain's Prime Minister") or the
# start of a longer name ("the Air Force's Nevada Test and Training Range").
_MEMBER = re.compile(r" ([A-Z][a-z]+(?:-[A-Z][a-z]+)? [A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w'’-]| (?:and |of |&)?[A-Z])")
_TITLES = frozenset(
    "Prime Minister Ministers Secretary President Presidents Vice Chairman Chairwoman Chair Director Chief"
    " Executive Officer Spokesperson Spokesman Spokeswoman Commissioner Governor Mayor Lord Lady Queen King"
    " Prince Princess Leader General Senator Judge Justice Foreign Home Shadow Deputy Attorney Ambassador"
    " Church Party Council Committee Court Constitution Speaker".split()
)
PEOPLE_NOUNS = frozenset(_PEOPLE.split("|"))  # for other rules: "the actor X" names a person
TITLE_WORDS = _TITLES
# "Lydia Buchtmann for Food Standards Australia" (one ORG span): a person speaking for an
# organisation, unless the words before "for" are an institution's ("The Center for ...").
_FOR = re.compile(r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}) for (?:the )?[A-Z]")
_INSTITUTIONS = frozenset(
    "Centre Center Coalition Institute Organization Organisation Incorporated Council Committee Association"
    " Society Foundation Fund Agency Department Office Ministry Commission Board Union League Federation"
    " Campaign Alliance Network Trust Group Service Services Authority Bureau Partnership Movement Party"
    " School College University Academy Hospital Museum Library Company Corporation Bank".split()
)
# The rest of a name the model cut short, after a name a cue made a person: "Dries (ORG) Mertens".
_REST_OF_NAME = re.compile(r"(?: [A-Z][a-z][\w'’-]*?){1,2}(?=['’]s\b|[^\w'’-]|$)")
_PREPOSITIONS = "of|in|at|from|for|to|by|on|near|with"
_PREPOSITION_BEFORE = re.compile(rf"\b(?:{_PREPOSITIONS})\s+$")
_PLACE_BEFORE = re.compile(rf"\b(?:{_PREPOSITIONS}|the|and)\s+$")
_NAME = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}")
# A building's name after a preposition of place is the place ("men and women at Johnson
# Space Center", "taken to the Century City Towers"), whatever the model said (ORG).
_BUILDING = re.compile(
    r"(?:Museum|Center|Centre|Station|Towers?|Hall|Airport|Stadium|Arena|Bridge|Gallery|Galleries|Library"
    r"|Square|Building|Mosque|Cathedral|Temple|Palace|Castle|Memorial|Factory|Hotel|Prison|Base|Zoo"
    r"|Theatre|Theater)(?:-\d+)?$"
)
_AT = re.compile(r"(?<!according )\b(?:at|from|to|in|into|inside|outside|near)\s+(?:the\s+)?$", re.IGNORECASE)
_THE_BEFORE = re.compile(r"(?<!\bplayed )(?<!\bplays )(?<!\bas )\bthe $")  # not a role: "played the Joker"
_NOT_A_MODIFIER = re.compile(r"(?:[.,;:!?)\]]|\s+[A-Z(—–]|\s*$)")  # "the Hajj," but not "the Trump administration"
_TITLE_YEAR = re.compile(r"[A-Z][\w'’-]* of (?:the )?$")
PLATFORMS = frozenset(
    "Twitter Facebook Instagram YouTube Youtube TikTok WhatsApp Telegram Reddit Weibo WeChat LinkedIn Snapchat"
    " Netflix Hulu Spotify Twitch".split()  # streaming services: Netflix a place in 10 of its 12 mentions in news pages
)
# A group of people ("Afghan", "American Samoans") stays NORP: it is not one person.
RELABELLED = frozenset({"GPE", "LOC", "FAC", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT"})


def person_cues(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """`spans` (sorted, one line each) with those a cue marks as a person relabelled PERSON,
    and buildings the text says are a place relabelled FAC."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in _not_people(text, spans):
        role = _ROLE_BEFORE.search(text, max(0, start - 60), start) if label in RELABELLED else None
        if role and (not out or out[-1][1] <= role.start(1)):
            start = role.start(1)
            label = "PERSON" if _NAME.fullmatch(text, start, end) else label
        elif label in RELABELLED and _is_person(text, start, end):
            if out and out[-1][2] in RELABELLED and text[out[-1][1] : start] == " " and _NAME.fullmatch(text, out[-1][0], end):
                start = out.pop()[0]  # "Valeska" + "Paris": one name the model cut in two
            if _NAME.fullmatch(text, start, end):
                label = "PERSON"
        elif label == "ORG" and _BUILDING.search(text, start, end) and _AT.search(text, max(0, start - 16), start):
            label = "FAC"
        elif label == "ORG" and (spoke := _FOR.match(text, start, end)) and not _INSTITUTIONS & set(spoke.group(1).split()):
            out.append((start, spoke.end(1), "PERSON"))
            start = text.index("for ", spoke.end(1)) + 4
            start += 4 if text.startswith("the ", start) else 0
        out.append((start, end, label))
    return _people_of_organisations(text, _lists_of_people(text, out))


def decided_names(text: str, model: set[tuple[int, int, str]], cued: list[tuple[int, int, str]]) -> set[str]:
    """Names whose label the words around them decided, so the corpus's votes (the model's) do not
    overrule it: each span the cues changed from `model`, and every social network, whatever the
    model said of it ("posted on Twitter" is PERSON in 52 Wikinews articles, ORG in a few)."""
    names = {clean_name(text[start:end]) for start, end, label in cued if (start, end, label) not in model}
    return names | {name for name in (clean_name(text[start:end]) for start, end, _ in cued) if name in PLATFORMS}


def _not_people(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans the words around them say are not people (or not dates) dropped or relabelled."""
    out = []
    for start, end, label in spans:
        name = text[start:end]
        network = re.match(r"\w+", name)
        if network and network.group() in PLATFORMS:  # 'Twitter "Youtube-dl' (PERSON): the network alone
            end, label = start + network.end(), "ORG"
        elif label == "PERSON" and " " not in name and _THE_BEFORE.search(text, max(0, start - 11), start):
            if _NOT_A_MODIFIER.match(text, end, end + 2):
                continue
        elif label == "DATE" and name in ("Year", "the Year") and _TITLE_YEAR.search(text, max(0, start - 24), start):
            continue
        out.append((start, end, label))
    return out


def _people_of_organisations(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    added = []
    for i, (start, end, label) in enumerate(spans):
        if label not in ("ORG", "GPE", "NORP") or not text.endswith(("'s", "’s"), start, end):
            continue
        member = _MEMBER.match(text, end)
        following = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        if member and member.end() <= following and not _TITLES.intersection(member.group(1).split()):
            added.append((member.start(1), member.end(1), "PERSON"))
    return sorted(spans + added) if added else spans


def _lists_of_people(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """In a list of names with at least two people, the one name of another kind is a person too."""
    out = list(spans)
    i = 0
    while i < len(out):
        j = i + 1
        while j < len(out) and _LIST_GAP.fullmatch(text, out[j - 1][1], out[j][0]):
            j += 1
        members = range(i, j)
        others = [k for k in members if out[k][2] != "PERSON"]
        if len(members) - len(others) >= 2 and len(others) == 1:
            start, end, label = out[others[0]]
            modifier = re.match(r"['’]s\b| [a-z]", text[end : end + 3])  # "FTU's Alice Mak", "US sport columnist"
            after_place = _PREPOSITION_BEFORE.search(text, max(0, start - 8), start)  # "a couple from Florida, Richard"
            if label in RELABELLED and _NAME.fullmatch(text, start, end) and not modifier and not after_place:
                rest = _REST_OF_NAME.match(text, end)
                following = out[others[0] + 1][0] if others[0] + 1 < len(out) else len(text)
                if rest and rest.end() <= following:
                    end = rest.end()
                out[others[0]] = (start, end, "PERSON")
        i = j
    return out


def _is_person(text: str, start: int, end: int) -> bool:
    if _BEFORE.search(text, max(0, start - 6), start):
        return True
    # "Justin Amash of Michigan, the first Congressman ...": the apposition is the person's before.
    return not _PLACE_BEFORE.search(text, max(0, start - 8), start) and bool(_AFTER.match(text, end, end + 80))
