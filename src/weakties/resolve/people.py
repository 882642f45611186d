"""Incremental identity resolution of the people in employees' networks.

The same external person turns up in many employees' exports.  A
:class:`PersonIndex` holds the people known so far (loaded with
:meth:`PersonIndex.add`) and resolves each new contact to one of them, or
creates a new one, with these rules, in order:

1. an exact identifier: the LinkedIn profile URL, then an email address
   (both normalised and compared only through ``digest``);
2. the name plus the company: candidates come from small blocks (company key
   plus the first three letters of the core family name, and company key plus
   the first three letters of the given name) and are scored with rapidfuzz;
   no company on either side means no match on name.  A contact without a
   company but with a work email address (not free-mail) is looked up under
   the company its domain names ("noor@mullerzonen.nl" under "Müller & Zonen");
3. a candidate whose identifiers contradict the contact's (another LinkedIn
   URL; with ``strict_email``, only other email addresses) is never chosen;
   when several candidates remain equally good the contact gets a new person
   rather than a guess;
4. when the URL and an email point at two different people, the URL wins and
   the two people stay apart;
5. a contact that nothing above found, with or without a company, takes the
   one person who bears exactly its full name when that name is rare: fewer
   than :data:`RARE_NAME` bearers expected by chance from how common its given
   and family name are (Winkler's term-frequency adjustment [3]_, as Splink
   uses it), and no identifier or company contradicts.  A LinkedIn line with
   the company left empty, or a private address in a phone's address book,
   then joins the person that the same rare name at a company made.

This is deterministic record linkage in the sense of Fellegi & Sunter [1]_
with blocking as in Christen [2]_: identifiers are treated as decisive
agreement, a contradicting identifier as decisive disagreement, and the name
comparison only decides among candidates that agree on the company.  A fuzzy
name match (a typo) is refused when both differing names are borne by several
people in the index ("Marieke" and "Marijke" are two names, not a typo).

References
----------
.. [1] Fellegi, I. P. & Sunter, A. B. (1969). A Theory for Record Linkage.
   *Journal of the American Statistical Association* 64(328), 1183-1210.
.. [2] Christen, P. (2012). *Data Matching: Concepts and Techniques for
   Record Linkage, Entity Resolution, and Duplicate Detection*. Springer,
   ch. 4 (indexing / blocking).
.. [3] Winkler, W. E. (1988). Using the EM algorithm for weight computation in
   the Fellegi-Sunter model of record linkage. *Proceedings of the Section on
   Survey Research Methods*, American Statistical Association, 667-671
   (frequency-based matching weights).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz, process

from .companies import company_key, domain_company_keys
from .identifiers import ROLE_MAILBOXES, email_domain, normalize_email, normalize_linkedin_url
from .names import NameParts, name_similarity, parse_name
from .neighbours import RatioNeighbours

if TYPE_CHECKING:  # only the type: the resolver reads a contact's attributes
    from weakties.importers.records import Contact

__all__ = [
    "Match",
    "PersonIndex",
    "Wanted",
    "compact_company",
    "identity",
    "RARE_NAME",
    "title_key",
]

#: Rule 5 matches a full name alone when fewer bearers than this are expected by chance.
RARE_NAME = 0.1
#: ... and when the job title agrees too, a name this many times as common.
AGREEING_TITLE = 10.0
#: Job titles kept per person for rule 5.
MAX_TITLES = 4
_KEY_WORDS = re.compile(r"[\W_]+")
#: Words of a job title that say the level, not the job ("Senior Calculator" = "Calculator").
_LEVELS = frozenset({"senior", "sr", "junior", "jr", "medior", "lead", "trainee"})


@lru_cache(maxsize=1 << 14)
def title_key(position: str) -> str:
    """A job title for comparison: folded, the level words left out."""
    words = [w for w in _KEY_WORDS.split(position.casefold()) if w and w not in _LEVELS]
    return " ".join(words)


LINKEDIN = "linkedin"
EMAIL = "email"


@lru_cache(maxsize=1 << 17)
def compact_company(name: str) -> str:
    """:func:`company_key` without spaces and "&" ("muller & zonen" -> "mullerzonen")."""
    return company_key(name).replace(" ", "").replace("&", "")


@lru_cache(maxsize=1 << 16)
def _person_emails(raw: tuple[str, ...]) -> tuple[str, ...]:
    """Normalised, distinct addresses of a contact, shared mailboxes left out."""
    out: list[str] = []
    for value in raw:
        email = normalize_email(value)
        if email and email not in out:
            if email.partition("@")[0].split("+", 1)[0] not in ROLE_MAILBOXES:
                out.append(email)
    return tuple(out)


def _companies_of(company: str, emails: tuple[str, ...]) -> tuple[str, ...]:
    """Compact company keys of a contact: its company, else its work email domains."""
    if company:
        key = compact_company(company)
        if key:
            return (key,)
    return _domain_companies(emails) if emails else ()


@lru_cache(maxsize=1 << 16)
def _domain_companies(emails: tuple[str, ...]) -> tuple[str, ...]:
    keys: list[str] = []
    for raw in emails:
        domain = email_domain(raw)
        if domain:
            keys.extend(k for k in domain_company_keys(domain) if k not in keys)
    return tuple(keys)


def _block_keys(company: str, name: NameParts) -> tuple[tuple[str, str], ...]:
    """Blocks of a name at a company: the first three letters of the family
    name and of the given names.  One namespace for both, so that a name
    written family-name-first ("Berg, Jan") meets "Jan Berg"."""
    core = name.core.replace(" ", "")[:3]
    given = name.given.replace(" ", "")[:3]
    return ((company, core),) if core == given else ((company, core), (company, given))


def identity(value: str) -> str:
    """The default digest: the normalised value itself.

    Examples
    --------
    >>> identity("linkedin.com/in/jan")
    'linkedin.com/in/jan'
    """
    return value


class Wanted(NamedTuple):
    """What a batch of contacts can look up (see :meth:`PersonIndex.wanted`).

    ``identifiers`` are ``(kind, digest)`` pairs, ``companies`` compact
    company keys, ``blocks`` the first three letters of the given and family
    names (without spaces) by which a name at one of those companies is
    compared (the blocking keys), ``names`` compact full names, ``given`` and
    ``core`` the given and family names of the contacts.
    """

    identifiers: set[tuple[str, str]]
    companies: set[str]
    blocks: set[str]
    names: set[str]
    given: set[str]
    core: set[str]


class Match(NamedTuple):
    """The outcome of resolving one contact.

    Attributes
    ----------
    key : int
        The person's key; negative keys are provisional (created by this
        index and not yet stored, see :meth:`PersonIndex.rekey`).
    created : bool
        Whether a new person was created for this contact.
    rule : str
        ``"linkedin"``, ``"email"``, ``"name+company"``, ``"rare name"`` or ``"new"``.
    new_identifiers : tuple of (str, str)
        The ``(kind, digest)`` pairs this contact added to the person.
    """

    key: int
    created: bool
    rule: str
    new_identifiers: tuple[tuple[str, str], ...] = ()


#: Builds a :class:`Match` from a tuple of all four fields without the Python-level
#: ``__new__`` of a named tuple: one is made per contact on the import's hot path.
_new_match = tuple.__new__


class PersonIndex:
    """Find or create the person behind each contact, incrementally.

    Parameters
    ----------
    digest : callable, optional
        Maps a normalised identifier (``linkedin.com/in/...`` or an email
        address) to the string that is stored and compared, for example a
        keyed hash.  The index keeps only digests, never the raw values.
        Default: the identity.
    threshold : float, optional
        Minimum name similarity (see :func:`~weakties.resolve.names.name_similarity`)
        for a fuzzy name+company match.  Exact and particle-compatible names
        always qualify.  The default 0.92 admits one typo in a name of about
        twelve letters or more.
    strict_email : bool, optional
        When true (default), a person whose email addresses are all
        different from the contact's is not a name+company candidate.
    max_variants : int, optional
        At most this many (company, name) variants are kept per person.
    settle : bool, optional
        When true (default), a contact that an identifier resolved without
        changing the index is remembered by its text, and an identical
        contact later costs one look-up.  The results are the same either
        way; only the time differs.
    rare : float, optional
        Rule 5: a full name alone matches its one bearer when fewer than this
        many bearers are expected by chance (:meth:`namesakes_expected`);
        ``0`` turns the rule off.  The default 0.1 was chosen on the
        project's generator (``bench/resolution.py``): recall 0.985-0.991 →
        0.995-0.997 at 60, 100 and 1,000 employees, precision ≥ 0.999.

    Notes
    -----
    Only digests of identifiers are kept; names are kept as comparison keys
    (:class:`~weakties.resolve.names.NameParts`) and companies as compact
    keys.  Resolving a contact costs a few dictionary look-ups plus, for a
    contact that no identifier or exact name finds, one rapidfuzz comparison
    per person in its two blocks; people live in parallel lists of tuples, so
    the garbage collector has almost nothing to scan however large the index
    grows.

    Examples
    --------
    >>> from weakties.importers.records import Contact
    >>> index = PersonIndex()
    >>> a = index.resolve(Contact(line=2, source="linkedin", first_name="Jan",
    ...     last_name="van den Berg MSc", company="Acme B.V.",
    ...     linkedin_url="https://nl.linkedin.com/in/janvdberg/"))
    >>> b = index.resolve(Contact(line=7, source="google", first_name="Jan van den",
    ...     last_name="Berg", company="ACME", emails=("Jan@Acme.nl",)))
    >>> c = index.resolve(Contact(line=3, source="outlook", first_name="J.",
    ...     last_name="Berg", emails=("jan@acme.nl",)))
    >>> (a.key, a.rule), (b.key, b.rule), (c.key, c.rule)
    ((-1, 'new'), (-1, 'name+company'), (-1, 'email'))
    >>> index.rekey({-1: 42})
    >>> index.resolve(Contact(line=9, source="linkedin", first_name="Jan",
    ...     linkedin_url="http://www.linkedin.com/in/JanVdBerg?trk=x")).key
    42
    """

    def __init__(
        self,
        *,
        digest: Callable[[str], str] = identity,
        threshold: float = 0.92,
        strict_email: bool = True,
        max_variants: int = 16,
        settle: bool = True,
        rare: float = RARE_NAME,
    ) -> None:
        self.digest = digest
        self.threshold = threshold
        self.strict_email = strict_email
        self.max_variants = max_variants
        self.rare = rare
        # People are numbered 0, 1, 2, ... inside the index ("slots"); their
        # state lives in parallel lists of tuples of strings.  Every mapping
        # below holds only strings, ints and such tuples, which the garbage
        # collector does not track: with hundreds of thousands of people that
        # keeps collections cheap (no per-person Python objects).
        self._keys: list[int] = []  # slot -> person key
        self._linkedin: list[tuple[str, ...]] = []  # slot -> LinkedIn digests
        self._emails: list[tuple[str, ...]] = []  # slot -> email digests
        self._variants: list[tuple[tuple[str, str], ...]] = []  # slot -> (company, name)
        self._slots: dict[int, int] = {}  # person key -> slot
        self._by_identifier: dict[tuple[str, str], int] = {}  # (kind, digest) -> slot
        self._exact: dict[tuple[str, str], tuple[int, ...]] = {}  # (company, name) -> slots
        self._blocks: dict[tuple[str, str], list[tuple[int, NameParts]]] = {}
        self._large: dict[tuple[str, str], _LargeBlock] = {}  # big blocks, laid out for rapidfuzz
        self._given_counts: dict[str, int] = {}  # how many people bear a given name
        self._core_counts: dict[str, int] = {}  # ... and a family name
        # Every named person by full name, with or without a company (rule 5).
        self._by_name: dict[str, tuple[int, ...]] = {}  # compact name -> slots
        self._named: set[int] = set()  # slots in _by_name
        self._named_elsewhere = 0  # named people counted but not loaded (see set_frequencies)
        self._positions: list[tuple[str, ...]] = []  # slot -> job titles seen (rule 5)
        self._name_given: dict[str, int] = {}  # people per given name (rule 5's frequencies)
        self._name_core: dict[str, int] = {}  # ... per family name
        # Contacts written exactly alike that resolved by an identifier and
        # changed nothing: resolving them again gives the same person and
        # changes nothing again (see :meth:`resolve`).
        self._settle = settle
        self._settled: dict[tuple[object, ...], tuple[int, str]] = {}  # text -> (slot, rule)
        self._next_key = -1

    # -- public API ---------------------------------------------------------

    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, key: object) -> bool:
        return key in self._slots

    def add(
        self,
        key: int,
        *,
        first_name: str,
        last_name: str,
        company: str,
        identifiers: Iterable[tuple[str, str]] = (),
        position: str = "",
    ) -> None:
        """Register a stored person, or another name/company/identifier of one.

        Parameters
        ----------
        key : int
            The stored person's key.  Adding the same key again adds a name
            and company variant and more identifiers to that person.
        first_name, last_name, company : str
            As stored (raw or cleaned; they are normalised here).
        identifiers : iterable of (str, str)
            ``(kind, digest)`` pairs with ``kind`` ``"linkedin"`` or
            ``"email"`` and ``digest = index.digest(normalised value)``.  An
            identifier already registered for another person is ignored.
        position : str, optional
            The person's job title as stored (evidence for rule 5).
        """
        slot = self._slots.get(key)
        if slot is None:
            slot = self._new_slot(key)
            if key <= self._next_key:
                self._next_key = key - 1
        for pair in identifiers:
            pair = (pair[0], pair[1])
            if pair not in self._by_identifier:
                self._by_identifier[pair] = slot
                self._attach(slot, pair)
        name = parse_name(first_name, last_name)
        if name.given and name.core:
            self._register(slot, compact_company(company), name)
            self._register_name(slot, name)
        self._register_position(slot, position)

    def wanted(self, contacts: Iterable[Contact]) -> Wanted:
        """What resolving ``contacts`` can look up: the people to load for a partial index.

        A contact finds a stored person only through one of its identifiers, a
        name block at a company it names (or its work email's domain names), or
        its exact full name (rule 5); a contact without a given and a family name
        only through an identifier.  An index that holds every stored person who has one of
        these, and the name frequencies of the whole population
        (:meth:`set_frequencies`), resolves the contacts exactly as an index of
        everyone would: the rules read nothing else.
        """
        wanted = Wanted(set(), set(), set(), set(), set(), set())
        for contact in contacts:
            wanted.identifiers.update(self._identifiers(contact)[2])
            name = parse_name(contact.first_name, contact.last_name)
            if not (name.given and name.core):
                continue
            companies = _companies_of(contact.company, contact.emails)
            if companies:
                wanted.companies.update(companies)
                wanted.blocks.update(key for _company, key in _block_keys("", name))
            wanted.names.add(name.compact)
            wanted.given.add(name.given)
            wanted.core.add(name.core)
        return wanted

    def name_parts(self) -> tuple[set[str], set[str]]:
        """The given and family names of the people in the index (for :meth:`set_frequencies`)."""
        given: set[str] = set()
        core: set[str] = set()
        for block in self._blocks.values():
            for _slot, name in block:
                given.add(name.given)
                core.add(name.core)
        return given, core

    def set_frequencies(
        self,
        *,
        given: Mapping[str, int],
        core: Mapping[str, int],
        named_given: Mapping[str, int],
        named_core: Mapping[str, int],
        named: int,
    ) -> None:
        """Take the name frequencies of a population larger than the people loaded.

        Call it after :meth:`add` of a partial population (see :meth:`wanted`)
        with counts over the whole one: ``given`` and ``core`` count the named
        people with a company by given and family name (the typo veto of rule
        2), ``named_given`` and ``named_core`` every named person (rule 5's
        term frequencies, Winkler 1988), ``named`` is how many named people
        there are.  Names left out keep the counts of the people loaded.
        """
        self._given_counts.update(given)
        self._core_counts.update(core)
        self._name_given.update(named_given)
        self._name_core.update(named_core)
        self._named_elsewhere = max(named - len(self._named), 0)

    def identifiers_of(self, contact: Contact) -> list[tuple[str, str]]:
        """Return the ``(kind, digest)`` pairs of a contact.

        The LinkedIn URL comes first, then the email addresses in the
        contact's order, without duplicates.  Shared mailboxes such as
        ``info@`` (see :data:`~weakties.resolve.identifiers.ROLE_MAILBOXES`)
        are not identifiers of a person and are left out.
        """
        return self._identifiers(contact)[2]

    def resolve(self, contact: Contact) -> Match:
        """Find or create the person for a contact.

        A created person gets the next provisional key (-1, -2, ...) and is
        registered at once, so later contacts of the same run resolve to it.
        The contact's identifiers that belong to nobody yet are attached to
        the person; an identifier that already belongs to another person
        stays there (the two people are never merged).

        Returns
        -------
        Match
        """
        text = None
        if self._settle and (contact.linkedin_url or contact.emails):
            # A contact written exactly like one that settled (see below) costs one look-up.
            text = (
                contact.first_name,
                contact.last_name,
                contact.emails,
                contact.linkedin_url,
                contact.company,
            )
            settled = self._settled.get(text)
            if settled is not None:
                return _new_match(Match, (self._keys[settled[0]], False, settled[1], ()))
        linkedin, emails, pairs = self._identifiers(contact)
        slot, rule = self._owner(linkedin, pairs)
        name = parse_name(contact.first_name, contact.last_name)
        companies = _companies_of(contact.company, contact.emails)
        named = bool(name.given and name.core)
        if slot is None and companies and named:
            slot = self._match_name(companies, name, linkedin, emails)
            if slot is not None:
                rule = "name+company"
        if slot is None and named:
            slot = self._match_rare_name(companies, name, linkedin, emails, contact.position)
            if slot is not None:
                rule = "rare name"
        created = slot is None
        if slot is None:
            slot = self._create()
        added = self._attach_new(slot, pairs)
        if named:
            self._register_name(slot, name)
        self._register_position(slot, contact.position)
        if rule == "name+company":  # a name match adds no variant and never settles
            return _new_match(Match, (self._keys[slot], created, rule, added))
        registered = named and self._register_variants(slot, companies, name)
        if rule == "rare name":
            return _new_match(Match, (self._keys[slot], created, rule, added))
        if text is not None and not (created or added or registered):
            # Found by an identifier that keeps its owner for good, with every
            # identifier and variant of the contact in place: an identical
            # contact resolves the same way and changes nothing.
            self._settled[text] = (slot, rule)
        return _new_match(Match, (self._keys[slot], created, rule, added))

    def rekey(self, mapping: Mapping[int, int]) -> None:
        """Replace provisional keys by stored ones after the caller saved them.

        Parameters
        ----------
        mapping : mapping of int to int
            Old key to new key.  Every old key must be in the index and no
            new key may belong to a person that keeps its key.

        Raises
        ------
        KeyError
            If an old key is not in the index.
        ValueError
            If two people would end up with the same key.
        """
        missing = [old for old in mapping if old not in self._slots]
        if missing:
            raise KeyError(f"unknown person keys: {missing[:5]}")
        targets = list(mapping.values())
        if len(set(targets)) != len(targets):
            raise ValueError("rekey maps two people to the same key")
        clash = [new for new in targets if new in self._slots and new not in mapping]
        if clash:
            raise ValueError(f"keys already in use: {clash[:5]}")
        moved = [self._slots.pop(old) for old in mapping]
        for slot, new in zip(moved, targets, strict=True):
            self._keys[slot] = new
            self._slots[new] = slot

    # -- internals ----------------------------------------------------------

    def _identifiers(self, contact: Contact) -> tuple[str | None, list[str], list[tuple[str, str]]]:
        """The digests of a contact's LinkedIn URL (None without one) and addresses,
        and its ``(kind, digest)`` pairs, the URL first (see :meth:`identifiers_of`)."""
        linkedin: str | None = None
        pairs: list[tuple[str, str]] = []
        if contact.linkedin_url:
            url = normalize_linkedin_url(contact.linkedin_url)
            if url:
                linkedin = self.digest(url)
                pairs.append((LINKEDIN, linkedin))
        emails: list[str] = []
        if contact.emails:
            digest = self.digest
            for email in _person_emails(contact.emails):
                value = digest(email)
                emails.append(value)
                pairs.append((EMAIL, value))
        return linkedin, emails, pairs

    def _owner(self, linkedin: str | None, pairs: list[tuple[str, str]]) -> tuple[int | None, str]:
        """The person an identifier finds, and the rule that found them.

        The LinkedIn URL decides first; else the first address whose owner has
        no other LinkedIn URL than the contact's (rule 4: the URL wins).
        """
        by_identifier = self._by_identifier
        for pair in pairs:
            found = by_identifier.get(pair)
            if found is None:
                continue
            if pair[0] == LINKEDIN:
                return found, LINKEDIN
            urls = self._linkedin[found]
            if linkedin is None or not urls or linkedin in urls:
                return found, EMAIL
        return None, "new"

    def _attach_new(self, slot: int, pairs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        """Attach the identifiers that belong to nobody yet to the person; return those."""
        by_identifier = self._by_identifier
        added: list[tuple[str, str]] = []
        for pair in pairs:
            if pair not in by_identifier:
                by_identifier[pair] = slot
                self._attach(slot, pair)
                added.append(pair)
        return tuple(added)

    def _register_variants(self, slot: int, companies: tuple[str, ...], name: NameParts) -> bool:
        """Register the (company, name) variants the person lacks; whether there were any."""
        registered = False
        variants = self._variants[slot]
        for company in companies:
            if (company, name.compact) not in variants:
                self._register(slot, company, name)
                registered = True
        return registered

    def _new_slot(self, key: int) -> int:
        slot = len(self._keys)
        self._keys.append(key)
        self._linkedin.append(())
        self._emails.append(())
        self._variants.append(())
        self._positions.append(())
        self._slots[key] = slot
        return slot

    def _create(self) -> int:
        key = self._next_key
        while key in self._slots:
            key -= 1
        self._next_key = key - 1
        return self._new_slot(key)

    def _attach(self, slot: int, pair: tuple[str, str]) -> None:
        kind, digest = pair
        if kind == LINKEDIN:
            self._linkedin[slot] += (digest,)
        elif kind == EMAIL:
            self._emails[slot] += (digest,)

    def _register(self, slot: int, company: str, name: NameParts) -> None:
        """Make a (company, name) variant of a person findable."""
        if not company:
            return
        variant = (company, name.compact)
        variants = self._variants[slot]
        if variant in variants or len(variants) >= self.max_variants:
            return
        self._variants[slot] = (*variants, variant)
        self._exact[variant] = (*self._exact.get(variant, ()), slot)
        entry = (slot, name)
        blocks = self._blocks
        for block in _block_keys(company, name):
            members = blocks.get(block)
            if members is None:
                blocks[block] = [entry]
            else:
                members.append(entry)
        if not any(v[1] == variant[1] for v in variants):
            counts = self._given_counts
            counts[name.given] = counts.get(name.given, 0) + 1
            counts = self._core_counts
            counts[name.core] = counts.get(name.core, 0) + 1

    def _register_name(self, slot: int, name: NameParts) -> None:
        """Make a person findable by their full name alone (rule 5), once per name."""
        slots = self._by_name.get(name.compact, ())
        if slot in slots:
            return
        self._by_name[name.compact] = (*slots, slot)
        if slot not in self._named:
            self._named.add(slot)
            self._name_given[name.given] = self._name_given.get(name.given, 0) + 1
            self._name_core[name.core] = self._name_core.get(name.core, 0) + 1

    def namesakes_expected(self, name: NameParts) -> float:
        """How many people bear this full name by chance, given how common its parts are.

        The term-frequency adjustment of Winkler (1988), as Splink applies it
        to names: with ``n_g`` people of the given name and ``n_c`` of the
        family name among ``N`` named people, two independent parts give
        ``N * (n_g / N) * (n_c / N) = n_g * n_c / N`` bearers.  "Loubna
        Bouzid" is expected about once (rare: two records of it are one
        person); "Jan de Jong" dozens of times (common: a name alone decides
        nothing).
        """
        total = len(self._named) + self._named_elsewhere
        if not total:
            return 0.0
        given = max(self._name_given.get(name.given, 0), 1)
        core = max(self._name_core.get(name.core, 0), 1)
        return given * core / total

    def _register_position(self, slot: int, position: str) -> None:
        title = title_key(position) if position else ""
        titles = self._positions[slot]
        if title and title not in titles and len(titles) < MAX_TITLES:
            self._positions[slot] = (*titles, title)

    def _match_rare_name(
        self,
        companies: tuple[str, ...],
        name: NameParts,
        linkedin: str | None,
        emails: list[str],
        position: str,
    ) -> int | None:
        """The one person with this exact full name when the name is rare (rule 5).

        A contact without a company (a private address, a LinkedIn line with
        the company left empty) or at a company where nobody has the name yet
        matches the only bearer of its exact full name, when by chance fewer
        than :attr:`rare` bearers would be expected and nothing contradicts:
        no other identifier of the same kind, no company on both sides that
        differs, and no job title on both sides that differs ("Senior" and
        the like aside).  The same job title on both sides is agreement on a
        second field: the name may then be :data:`AGREEING_TITLE` times as
        common.
        """
        slots = self._by_name.get(name.compact, ())
        if len(slots) != 1:
            return None
        slot = slots[0]
        titles = self._positions[slot]
        title = title_key(position) if position else ""
        if title and titles and title not in titles:
            return None  # another job: another person (Christen 2012, ch. 5: disagreement)
        rare = self.rare * (AGREEING_TITLE if title and title in titles else 1.0)
        if self.namesakes_expected(name) > rare or self._conflicts(slot, linkedin, emails):
            return None
        theirs = {company for company, _ in self._variants[slot]}
        if companies and theirs and theirs.isdisjoint(companies):
            return None
        return slot

    def _conflicts(self, slot: int, linkedin: str | None, emails: list[str]) -> bool:
        """Do the contact's identifiers contradict this person's?"""
        if linkedin is not None:
            urls = self._linkedin[slot]
            if urls and linkedin not in urls:
                return True
        if emails and self.strict_email:
            known = self._emails[slot]
            if known and not any(email in known for email in emails):
                return True
        return False

    def _choose(self, slots: Iterable[int]) -> int | None:
        unique = list(dict.fromkeys(slots))
        if len(unique) == 1:
            return unique[0]
        # Ambiguous: the same name at the same company belongs to several
        # people.  Only a person without identifiers (a bucket of contacts
        # that could not be told apart) may take the contact.
        bare = [s for s in unique if not self._linkedin[s] and not self._emails[s]]
        return bare[0] if len(bare) == 1 else None

    def _vetoed(self, a: NameParts, b: NameParts) -> bool:
        """Two different names that several people bear are not a typo of each other."""
        if a.given != b.given:
            counts = self._given_counts
            if counts.get(a.given, 0) >= 2 and counts.get(b.given, 0) >= 2:
                return True
        if a.core != b.core:
            counts = self._core_counts
            if counts.get(a.core, 0) >= 2 and counts.get(b.core, 0) >= 2:
                return True
        return False

    def _match_name(
        self, companies: tuple[str, ...], name: NameParts, linkedin: str | None, emails: list[str]
    ) -> int | None:
        """The one person this name matches at one of the companies, if any (rules 2 and 3).

        An exact name decides when it exists; else the fuzzy scores do, unless
        the best two are within 0.02 of each other.
        """
        exact: tuple[int, ...] = ()
        for company in companies:
            exact += self._exact.get((company, name.compact), ())
        if exact:
            allowed = [s for s in exact if not self._conflicts(s, linkedin, emails)]
            return self._choose(allowed) if allowed else None
        return _clear_winner(self._fuzzy_scores(companies, name, linkedin, emails))

    def _fuzzy_scores(
        self, companies: tuple[str, ...], name: NameParts, linkedin: str | None, emails: list[str]
    ) -> dict[int, float]:
        """Best name similarity per person in the name's blocks, for the people
        above the threshold, not vetoed and not contradicted by an identifier."""
        threshold = self.threshold
        slack = 1.0 - threshold
        given, core, length = name.given, name.core, len(name.key)
        scores: dict[int, float] = {}
        blocks = self._blocks
        for company in companies:
            for block in _block_keys(company, name):
                members: Sequence[tuple[int, NameParts]] = blocks.get(block, ())
                if len(members) >= _LARGE_BLOCK:
                    # Many people share the first letters of these names (a file of namesakes
                    # numbered 1 to 10,000 made every contact score every other one by one:
                    # n² / 2 calls).  One batched rapidfuzz call finds the few that can reach
                    # the threshold; they are scored below exactly as the rest would have been.
                    large = self._large.get(block)
                    if large is None:
                        large = self._large[block] = _LargeBlock()
                    members = [members[i] for i in large.candidates(members, name, threshold)]
                for slot, variant in members:
                    if variant.given != given or variant.core != core:
                        # token_sort_ratio >= t needs |len(a) - len(b)| <= (1 - t)(len(a) + len(b))
                        other = len(variant.key)
                        if abs(other - length) > slack * (other + length):
                            continue
                    score = name_similarity(name, variant, threshold)
                    if score < threshold or (score < 0.99 and self._vetoed(name, variant)):
                        continue
                    if score <= scores.get(slot, 0.0) or self._conflicts(slot, linkedin, emails):
                        continue
                    scores[slot] = score
        return scores


#: From this many names on, a block is searched with one batched rapidfuzz call.
_LARGE_BLOCK = 64
#: From this many names on, a block is searched through the names' deletion neighbourhoods
#: (:class:`~weakties.resolve.neighbours.RatioNeighbours`): a few hundred look-ups a query
#: instead of one comparison per name, which costs less from about this size on.
_NEIGHBOURS_FROM = 4096


class _LargeBlock:
    """The names of a large block laid out for :func:`rapidfuzz.process.extract`, kept up to
    date as the block grows (blocks only grow); from :data:`_NEIGHBOURS_FROM` names on, also
    indexed by their deletion neighbourhoods, so a query does not compare with every name."""

    __slots__ = ("keys", "alike", "size", "neighbours")

    def __init__(self) -> None:
        self.keys: list[str] = []  # member -> name key
        # (given, core) and the compact name -> members: the names name_similarity scores by
        # rule (1.0 and 0.99) rather than by token_sort_ratio
        self.alike: dict[object, list[int]] = {}
        self.size = 0
        self.neighbours: RatioNeighbours | None = None

    def candidates(
        self, members: Sequence[tuple[int, NameParts]], name: NameParts, threshold: float
    ) -> list[int]:
        """The members whose :func:`name_similarity` with ``name`` can reach ``threshold``:
        a token_sort_ratio at or above it, or a name alike by rule; in block order.

        >>> block = _LargeBlock()
        >>> members = [(i, parse_name("Jan", f"Jansen {i}")) for i in range(3)]
        >>> members.append((3, parse_name("Piet", "Puk")))
        >>> block.candidates(members, parse_name("Jan", "Jansen 1"), 0.9)
        [0, 1, 2]
        """
        for _slot, variant in members[self.size :]:
            index = len(self.keys)
            # token_sort_ratio sorts each name's words and compares with ratio: sorted once
            # here, every later query compares with the plain (and much cheaper) ratio.
            key = " ".join(sorted(variant.key.split()))
            self.keys.append(key)
            if self.neighbours is not None:
                self.neighbours.add(key)
            self.alike.setdefault((variant.given, variant.core), []).append(index)
            self.alike.setdefault(variant.compact, []).append(index)
        self.size = len(members)
        if self.neighbours is None and self.size >= _NEIGHBOURS_FROM:
            self.neighbours = RatioNeighbours()
            for key in self.keys:
                self.neighbours.add(key)
        query = " ".join(sorted(name.key.split()))
        cutoff = threshold * 100
        near = self.neighbours.search(query, cutoff) if self.neighbours is not None else None
        if near is None:  # a small block, or a long name that allows many edits
            hits = process.extract(
                query, self.keys, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=None
            )
            near = [index for _key, _score, index in hits]
        found = set(near)
        found.update(self.alike.get((name.given, name.core), ()))
        found.update(self.alike.get(name.compact, ()))
        return sorted(found)


def _clear_winner(scores: dict[int, float]) -> int | None:
    """The best-scoring person, unless the runner-up is within 0.02 (then nobody)."""
    if not scores:
        return None
    if len(scores) == 1:
        return next(iter(scores))
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] - ranked[1] < 0.02:
        return None
    return max(scores, key=scores.__getitem__)
