"""Incremental identity resolution of the people in employees' networks.

The same external person turns up in many employees' exports.  A
:class:`PersonIndex` holds the people known so far (loaded with
:meth:`PersonIndex.add`) and resolves each new contact to one of them, or
creates a new one, with these rules, in order:

1. an exact identifier: the LinkedIn profile URL, then an email address
   (both normalised and compared only through ``digest``);
2. the name plus the company: candidates come from small blocks (company key
   plus the first letters of the core family name, and company key plus the
   first letters of the given name) and are scored with rapidfuzz; no
   company on either side means no match on name;
3. a candidate whose identifiers contradict the contact's (another LinkedIn
   URL; with ``strict_email``, only other email addresses) is never chosen;
4. when the URL and an email point at two different people, the URL wins and
   the two people stay apart.

This is deterministic record linkage in the sense of Fellegi & Sunter [1]_
with blocking as in Christen [2]_: identifiers are treated as decisive
agreement, a contradicting identifier as decisive disagreement, and the name
comparison only decides among candidates that agree on the company.

References
----------
.. [1] Fellegi, I. P. & Sunter, A. B. (1969). A Theory for Record Linkage.
   *Journal of the American Statistical Association* 64(328), 1183-1210.
.. [2] Christen, P. (2012). *Data Matching: Concepts and Techniques for
   Record Linkage, Entity Resolution, and Duplicate Detection*. Springer,
   ch. 4 (indexing / blocking).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .companies import company_key, domain_company_keys
from .identifiers import ROLE_MAILBOXES, email_domain, normalize_email, normalize_linkedin_url
from .names import PARTICLES, NameParts, name_similarity, parse_name

if TYPE_CHECKING:  # only the type: the resolver reads a contact's attributes
    from weakties.importers.records import Contact

__all__ = ["Match", "PersonIndex", "identity"]

LINKEDIN = "linkedin"
EMAIL = "email"


@lru_cache(maxsize=1 << 17)
def _compact_company(name: str) -> str:
    """:func:`company_key` without spaces and "&" ("muller & zonen" -> "mullerzonen")."""
    return company_key(name).replace(" ", "").replace("&", "")


def identity(value: str) -> str:
    """The default digest: the normalised value itself.

    Examples
    --------
    >>> identity("linkedin.com/in/jan")
    'linkedin.com/in/jan'
    """
    return value


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome of resolving one contact.

    Attributes
    ----------
    key : int
        The person's key; negative keys are provisional (created by this
        index and not yet stored, see :meth:`PersonIndex.rekey`).
    created : bool
        Whether a new person was created for this contact.
    rule : str
        ``"linkedin"``, ``"email"``, ``"name+company"`` or ``"new"``.
    new_identifiers : tuple of (str, str)
        The ``(kind, digest)`` pairs this contact added to the person.
    """

    key: int
    created: bool
    rule: str
    new_identifiers: tuple[tuple[str, str], ...] = ()


class _Person:
    __slots__ = ("key", "linkedin", "emails", "variants")

    def __init__(self, key: int) -> None:
        self.key = key
        self.linkedin: set[str] = set()
        self.emails: set[str] = set()
        self.variants: set[tuple[str, str]] = set()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"_Person({self.key}, variants={sorted(self.variants)})"


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
    ) -> None:
        self.digest = digest
        self.threshold = threshold
        self.strict_email = strict_email
        self.max_variants = max_variants
        self._persons: dict[int, _Person] = {}
        self._by_identifier: dict[tuple[str, str], _Person] = {}
        self._exact: dict[tuple[str, str], list[_Person]] = {}
        self._blocks: dict[tuple[str, str, str], list[tuple[_Person, NameParts]]] = {}
        self._token_counts: Counter[str] = Counter()
        self._next_key = -1

    # -- public API ---------------------------------------------------------

    def __len__(self) -> int:
        return len(self._persons)

    def __contains__(self, key: object) -> bool:
        return key in self._persons

    def add(
        self,
        key: int,
        *,
        first_name: str,
        last_name: str,
        company: str,
        identifiers: Iterable[tuple[str, str]] = (),
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
        """
        person = self._persons.get(key)
        if person is None:
            person = _Person(key)
            self._persons[key] = person
            if key <= self._next_key:
                self._next_key = key - 1
        self._attach(person, identifiers)
        self._register(person, _compact_company(company), parse_name(first_name, last_name))

    def identifiers_of(self, contact: Contact) -> list[tuple[str, str]]:
        """Return the ``(kind, digest)`` pairs of a contact.

        The LinkedIn URL comes first, then the email addresses in the
        contact's order, without duplicates.  Shared mailboxes such as
        ``info@`` (see :data:`~weakties.resolve.identifiers.ROLE_MAILBOXES`)
        are not identifiers of a person and are left out.
        """
        pairs: list[tuple[str, str]] = []
        if contact.linkedin_url:
            url = normalize_linkedin_url(contact.linkedin_url)
            if url:
                pairs.append((LINKEDIN, self.digest(url)))
        if contact.emails:
            seen: set[str] = set()
            for raw in contact.emails:
                email = normalize_email(raw)
                if not email or email in seen:
                    continue
                seen.add(email)
                if email.partition("@")[0].split("+", 1)[0] in ROLE_MAILBOXES:
                    continue
                pairs.append((EMAIL, self.digest(email)))
        return pairs

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
        pairs = self.identifiers_of(contact)
        linkedin = pairs[0][1] if pairs and pairs[0][0] == LINKEDIN else None
        emails = {digest for kind, digest in pairs if kind == EMAIL}
        by_identifier = self._by_identifier

        person: _Person | None = None
        rule = "new"
        if linkedin is not None:
            person = by_identifier.get((LINKEDIN, linkedin))
            if person is not None:
                rule = LINKEDIN
        if person is None and emails:
            for kind, digest in pairs:
                if kind != EMAIL:
                    continue
                found = by_identifier.get((EMAIL, digest))
                if found is not None and not (
                    linkedin is not None and found.linkedin and linkedin not in found.linkedin
                ):
                    person, rule = found, EMAIL
                    break

        name = parse_name(contact.first_name, contact.last_name)
        companies = self._companies_of(contact)
        if person is None and companies and name.given and name.core:
            person = self._match_name(companies, name, linkedin, emails)
            if person is not None:
                rule = "name+company"

        created = person is None
        if person is None:
            person = self._create()
        added = self._attach(person, pairs)
        if rule != "name+company":
            for company in companies:
                self._register(person, company, name)
        return Match(person.key, created, rule, tuple(added))

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
        missing = [old for old in mapping if old not in self._persons]
        if missing:
            raise KeyError(f"unknown person keys: {missing[:5]}")
        targets = list(mapping.values())
        if len(set(targets)) != len(targets):
            raise ValueError("rekey maps two people to the same key")
        staying = set(self._persons).difference(mapping)
        clash = [new for new in targets if new in staying]
        if clash:
            raise ValueError(f"keys already in use: {clash[:5]}")
        moved = [self._persons.pop(old) for old in mapping]
        for person, new in zip(moved, targets, strict=True):
            person.key = new
            self._persons[new] = person

    # -- internals ----------------------------------------------------------

    @staticmethod
    def _companies_of(contact: Contact) -> tuple[str, ...]:
        """Compact company keys of a contact: its company, else its email domains."""
        if contact.company:
            company = _compact_company(contact.company)
            if company:
                return (company,)
        keys: list[str] = []
        for raw in contact.emails:
            domain = email_domain(raw)
            if domain:
                keys.extend(k for k in domain_company_keys(domain) if k not in keys)
        return tuple(keys)

    def _create(self) -> _Person:
        key = self._next_key
        while key in self._persons:
            key -= 1
        self._next_key = key - 1
        person = _Person(key)
        self._persons[key] = person
        return person

    def _attach(self, person: _Person, pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        added: list[tuple[str, str]] = []
        for pair in pairs:
            if pair in self._by_identifier:
                continue
            kind, digest = pair
            self._by_identifier[pair] = person
            if kind == LINKEDIN:
                person.linkedin.add(digest)
            elif kind == EMAIL:
                person.emails.add(digest)
            added.append(pair)
        return added

    @staticmethod
    def _block_keys(company: str, name: NameParts) -> tuple[tuple[str, str, str], ...]:
        return (
            (company, "f", name.core.replace(" ", "")[:3]),
            (company, "g", name.given.replace(" ", "")[:3]),
        )

    def _register(self, person: _Person, company: str, name: NameParts) -> None:
        if not company or not name.given or not name.core:
            return
        variant = (company, name.compact)
        if variant in person.variants or len(person.variants) >= self.max_variants:
            return
        person.variants.add(variant)
        self._exact.setdefault(variant, []).append(person)
        for block in self._block_keys(company, name):
            self._blocks.setdefault(block, []).append((person, name))
        self._token_counts.update(set(name.key.split()))

    def _conflicts(self, person: _Person, linkedin: str | None, emails: set[str]) -> bool:
        if linkedin is not None and person.linkedin and linkedin not in person.linkedin:
            return True
        return bool(
            self.strict_email and emails and person.emails and emails.isdisjoint(person.emails)
        )

    @staticmethod
    def _choose(people: list[_Person]) -> _Person | None:
        unique = list(dict.fromkeys(people))
        if len(unique) == 1:
            return unique[0]
        # Ambiguous: the same name at the same company belongs to several
        # people.  Only a person without identifiers (a bucket of contacts
        # that could not be told apart) may take the contact.
        bare = [p for p in unique if not p.linkedin and not p.emails]
        return bare[0] if len(bare) == 1 else None

    def _vetoed(self, a: NameParts, b: NameParts) -> bool:
        """Two established, different words are two names, not a typo."""
        words_a, words_b = set(a.key.split()), set(b.key.split())
        differing = (words_a ^ words_b) - PARTICLES
        counts = self._token_counts
        return bool(differing) and all(counts[w] >= 2 for w in differing)

    def _match_name(
        self, companies: tuple[str, ...], name: NameParts, linkedin: str | None, emails: set[str]
    ) -> _Person | None:
        exact: list[_Person] = []
        for company in companies:
            exact.extend(self._exact.get((company, name.compact), ()))
        if exact:
            allowed = [p for p in exact if not self._conflicts(p, linkedin, emails)]
            return self._choose(allowed) if allowed else None

        threshold = self.threshold
        scores: dict[_Person, float] = {}
        blocks = self._blocks
        for block in (b for company in companies for b in self._block_keys(company, name)):
            for person, variant in blocks.get(block, ()):
                score = name_similarity(name, variant, threshold)
                if score < threshold or score <= scores.get(person, 0.0):
                    continue
                if score < 0.99 and self._vetoed(name, variant):
                    continue
                if self._conflicts(person, linkedin, emails):
                    continue
                scores[person] = score
        if not scores:
            return None
        if len(scores) == 1:
            return next(iter(scores))
        ranked = sorted(scores.values(), reverse=True)
        if ranked[0] - ranked[1] < 0.02:
            return None
        return max(scores, key=scores.__getitem__)
