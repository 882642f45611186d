"""Building blocks: names, companies, positions, vCard folding, noise, sampling, CLI."""

from __future__ import annotations

import quopri
import random
import re

import numpy as np
import pytest

from weakties.synth.__main__ import main
from weakties.synth.companies import company_core, company_variants
from weakties.synth.exports.noise import Noise, format_phone
from weakties.synth.exports.vcard import fold, quoted_printable
from weakties.synth.model import SynthPerson
from weakties.synth.names import (
    FIRST_NAMES,
    SURNAMES,
    ascii_fold,
    sample_names,
    slug,
    split_particle,
    to_cp1252,
)
from weakties.synth.population import Groups, sample_distinct
from weakties.synth.positions import position_variants


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("van den Berg", ("van den", "Berg")),
        ("van 't Hof", ("van 't", "Hof")),
        ("'t Hart", ("'t", "Hart")),
        ("de Vries", ("de", "Vries")),
        ("Van Damme", ("", "Van Damme")),  # Flemish: the particle belongs to the name
        ("Jansen", ("", "Jansen")),
        ("van", ("", "van")),
    ],
)
def test_split_particle(last, expected):
    assert split_particle(last) == expected


def test_folding_and_windows_1252():
    assert ascii_fold("Zoë Çelik-Yılmaz") == "Zoe Celik-Yilmaz"
    assert to_cp1252("Zoë Çelik") == "Zoë Çelik"  # cp1252 has these
    assert to_cp1252("Şahin Yıldız") == "Sahin Yildiz"
    assert to_cp1252("Smit 🚀") == "Smit"
    for name in FIRST_NAMES + [b for _, b in SURNAMES]:
        to_cp1252(name).encode("cp1252")
    assert slug("Jan van 't Hof") == "jan-van-t-hof"


def test_name_pools_carry_particles_and_diacritics():
    assert any(p == "van den" for p, _ in SURNAMES)
    assert any(not n.isascii() for n in FIRST_NAMES)
    rng = np.random.default_rng(1)
    gender, first, surname = sample_names(rng, np.array(["NL"] * 3000 + ["BE"] * 3000))
    nl = [SURNAMES[s] for s in surname[:3000]]
    be = [SURNAMES[s] for s in surname[3000:]]
    # Dutch tussenvoegsels are frequent in the Netherlands, Flemish surnames in Belgium.
    assert 0.1 < sum(1 for p, _ in nl if p) / 3000 < 0.6
    assert sum(1 for _, b in be if b in ("Peeters", "Janssens", "Maes")) > sum(
        1 for _, b in nl if b in ("Peeters", "Janssens", "Maes")
    )
    assert 0.4 < gender.mean() < 0.6
    assert len(set(first.tolist())) > 100


def test_company_variants_only_respell_the_legal_form():
    assert company_core("Stripe, Inc.") == "Stripe"
    assert company_core("Bakker Logistiek B.V.") == "Bakker Logistiek"
    assert set(company_variants("Bakker Logistiek B.V.")) >= {
        "Bakker Logistiek B.V.",
        "Bakker Logistiek BV",
        "Bakker Logistiek",
    }
    assert "Stripe" in company_variants("Stripe, Inc.")
    for name in ("Van Oord N.V.", "Coolblue BV", "Rabobank", "Gemeente Utrecht", "Zalando SE"):
        cores = {company_core(v).lower() for v in company_variants(name)}
        assert cores == {company_core(name).lower()}, name


def test_position_variants():
    v = position_variants("Senior Software Engineer")
    assert v[0] == "Senior Software Engineer" and "Sr. Software Engineer" in v
    assert "Account Manager" in position_variants("Accountmanager")
    assert "HR Adviseur" in position_variants("HR-adviseur")


def test_fold_keeps_lines_within_75_octets_and_unfolds_back():
    line = "ORG:Ministerie van Binnenlandse Zaken en Koninkrijksrelaties – Directie Çelik-Öztürk;"
    folded = fold(line)
    assert len(folded) > 1
    assert all(len(x.encode("utf-8")) <= 75 for x in folded)
    assert all(x.startswith(" ") for x in folded[1:])
    assert folded[0] + "".join(x[1:] for x in folded[1:]) == line
    assert fold("FN:short") == ["FN:short"]


def test_quoted_printable_soft_breaks_decode_back():
    value = "Zoë Çelik-Öztürk van der Heijden-Wiśniewska " * 2
    lines = quoted_printable("FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:", [value.strip()])
    assert len(lines) > 1
    assert all(len(x) <= 76 for x in lines)
    assert all(x.endswith("=") for x in lines[:-1])
    assert all(not x.startswith((" ", "\t")) for x in lines[1:])
    body = "\r\n".join(lines).split(":", 1)[1]
    assert quopri.decodestring(body.encode("ascii")).decode("utf-8") == value.strip()


def test_phone_formats_keep_the_digits():
    r = random.Random(1)
    for phone in ("+31612345678", "+32471234567"):
        for _ in range(50):
            shown = format_phone(phone, r)
            digits = re.sub(r"\D", "", shown)
            assert digits.endswith(phone[-8:])


def _person(**kw) -> SynthPerson:
    base = dict(
        id=1,
        first_name="Zoë",
        last_name="van den Berg",
        company="Bakker Logistiek B.V.",
        position="Planner",
        sector="logistiek",
        region="Utrecht",
        linkedin_url="https://www.linkedin.com/in/zoe-van-den-berg-0a1b2c3d",
        email="zoe.vandenberg@bakkerlogistiek.nl",
        phone="+31612345678",
    )
    base.update(kw)
    return SynthPerson(**base)


def test_noise_level_zero_is_canonical_and_level_one_varies():
    p = _person()
    quiet = Noise(random.Random(3), 0.0)
    for _ in range(200):
        lk = quiet.look(p, url=1.0, email=1.0)
        assert (lk.first, lk.last, lk.company, lk.url, lk.email) == (
            p.first_name,
            p.last_name,
            p.company,
            p.linkedin_url,
            p.email,
        )
    loud = Noise(random.Random(3), 1.0)
    looks = [loud.look(p, url=1.0, email=1.0) for _ in range(2000)]
    assert len({(lk.first, lk.last) for lk in looks}) >= 5
    assert len({lk.company for lk in looks}) >= 3
    assert len({lk.url for lk in looks}) >= 4
    # Never another company, never another person's URL.
    assert all(company_core(lk.company) == "Bakker Logistiek" for lk in looks if lk.company)
    assert all("zoe-van-den-berg-0a1b2c3d" in lk.url.lower() for lk in looks)


def test_homonyms_keep_their_identifiers_under_heavy_noise():
    p = _person(homonym=True)
    noisy = Noise(random.Random(5), 5.0)
    for _ in range(300):
        lk = noisy.look(p, url=1.0, email=0.1, drop_email=1.0, drop_url=1.0, drop_company=1.0)
        assert lk.email and lk.url


def test_sample_distinct_gives_distinct_weighted_members():
    rng = np.random.default_rng(0)
    keys = np.repeat(np.arange(3), [5, 100, 1000])
    weights = np.ones(len(keys))
    weights[5] = 500.0  # one very popular member of group 1
    g = Groups(keys, 3, weights)
    got = sample_distinct(50, lambda m: g.draw(rng, np.ones(m, dtype=np.int64)))
    assert len(got) == 50 == len(set(got.tolist()))
    assert set(keys[got].tolist()) == {1}
    assert 5 in got.tolist()
    # Asking for more than a group holds gives the whole group.
    assert len(sample_distinct(9, lambda m: g.draw(rng, np.zeros(m, dtype=np.int64)))) == 5


def test_cli_writes_files_and_prints_a_summary(tmp_path, capsys):
    assert main(["--employees", "20", "--seed", "3", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "employees      20" in out and "contact rows" in out
    assert (tmp_path / "out" / "manifest.json").is_file()
    assert (tmp_path / "out" / "ground_truth.json").is_file()
    assert len(list((tmp_path / "out" / "linkedin").glob("*_Connections.csv"))) == 20
