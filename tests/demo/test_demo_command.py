"""`weakties demo`: analysed on first sight, every email in the outbox, on the port asked for (issue 11)."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import AT_SUITE_PRIORITY, stop_server, wait_until_serving
from tests.factories import acme
from tests.smtp import free_port
from weakties.accounts.models import Employee, Organisation
from weakties.ambassadors.services.campaigns import campaign_create
from weakties.cli.management.commands.demo import OUTBOX_BACKEND, demo_mode
from weakties.demo.federation import DEMO_FEDERATION
from weakties.insights.models import AnalysisRun, EmployeeInsight
from weakties.meetings.models import ContactSuggestion, HelpRequest, MailJob
from weakties.meetings.selectors import invited_employees
from weakties.meetings.services.federations import federation_invite
from weakties.people.models import TieRank
from weakties.web.models import OutboxEmail

ROOT = Path(__file__).resolve().parents[2]
EMPLOYEES = 12


@pytest.fixture
def demo_env(settings, monkeypatch):
    """What the demo command switches (settings and environment) is put back after the test."""
    for name in ("WEAKTIES_DEMO", "WEAKTIES_BASE_URL", "WEAKTIES_PORT", "WEAKTIES_HOST"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WEAKTIES_DEMO = False
    settings.WEAKTIES_BASE_URL = "http://localhost:8000"
    settings.LANGUAGE_CODE = "en"
    return monkeypatch


def _demo(capsys, *args: str) -> dict:
    call_command("demo", "--no-serve", "--employees", str(EMPLOYEES), "--json", *args)
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_the_demo_is_analysed_and_every_email_lands_in_the_outbox(demo_env, capsys, settings):
    demo_env.setenv("WEAKTIES_PORT", "8111")
    info = _demo(capsys)
    assert info["url"] == "http://127.0.0.1:8111/"
    assert info["outbox"] == "http://127.0.0.1:8111/outbox/"
    # demo mode ends with the command: nothing leaks into what runs next in this process
    assert not settings.WEAKTIES_DEMO and "WEAKTIES_DEMO" not in os.environ
    assert "WEAKTIES_BASE_URL" not in os.environ
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    org = Organisation.objects.get(name=info["organisation"])

    # Insights, types and the strength column are filled on first sight.
    run = AnalysisRun.objects.get(organisation=org)
    assert run.status == AnalysisRun.Status.DONE and run.figures["people_reached"] > 1000
    assert EmployeeInsight.objects.filter(run=run).count() == EMPLOYEES
    ranks = TieRank.objects.filter(organisation=org)
    assert ranks.exists() and not ranks.filter(strength__isnull=True).exists()
    assert set(ranks.values_list("tier", flat=True)) - {""}

    # The coming meeting's call went to everyone invited, each with its calendar invite.
    federation = org.federations.get(name=DEMO_FEDERATION)
    past, coming = federation.meetings.order_by("date")
    calls = OutboxEmail.objects.filter(subject__contains=DEMO_FEDERATION)
    assert sorted(r for m in calls for r in m.to_list) == sorted(
        e.email.lower() for e in invited_employees(coming)
    )
    assert all(m.attachments[0]["filename"] == "invite.ics" for m in calls)
    # The held meeting's requesters heard what came of their requests.
    for request in HelpRequest.objects.filter(meeting=past).exclude(requester_email=""):
        assert OutboxEmail.objects.filter(recipients__contains=request.requester_email.lower())
    # Colleagues who know someone for the data-analyst vacancy were asked.
    asked = ContactSuggestion.objects.filter(asked_at__isnull=False)
    assert asked.exists()
    assert OutboxEmail.objects.filter(subject__contains="Data-analist").count() == asked.count()
    assert set(MailJob.objects.values_list("status", flat=True)) <= {"sent", "queued"}
    # Links in the emails point at the demo's own port.
    links = re.findall(
        r"https?://[^\s\"<>]+", " ".join(OutboxEmail.objects.values_list("body", flat=True))
    )
    assert links and all(link.startswith("http://127.0.0.1:8111/") for link in links)

    # Every other email feature lands there too (in demo mode, as the served demo runs):
    # an invited organisation, an invitation campaign.
    kept = OutboxEmail.objects.count()
    newcomer = acme(networks=False)
    anna = Employee.objects.get(email="anna.devries@acme.nl")
    anna.role = "admin"
    anna.save()
    with demo_mode(info["url"]):
        federation_invite(federation, organisation=newcomer, actor_label="test")
        lnv = Organisation.objects.get(name="Ministerie van LNV (demo)")
        campaign = campaign_create(organisation=lnv, scope="all", actor_label="test")
    assert OutboxEmail.objects.filter(recipients__contains="anna.devries@acme.nl").exists()
    assert OutboxEmail.objects.count() == kept + 1 + len(campaign.invited)


def test_demo_mode_switches_this_process_and_the_workers_then_puts_everything_back(
    demo_env, settings
):
    with demo_mode("http://127.0.0.1:8111/"):
        # the worker that serve starts reads the environment; this process, the settings
        assert os.environ["WEAKTIES_DEMO"] == "1" and settings.WEAKTIES_DEMO
        assert os.environ["WEAKTIES_BASE_URL"] == settings.WEAKTIES_BASE_URL
        assert settings.WEAKTIES_BASE_URL == "http://127.0.0.1:8111"
        assert settings.EMAIL_BACKEND == OUTBOX_BACKEND
    assert "WEAKTIES_DEMO" not in os.environ and "WEAKTIES_BASE_URL" not in os.environ
    assert not settings.WEAKTIES_DEMO and settings.WEAKTIES_BASE_URL == "http://localhost:8000"
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    # a base URL given by the operator is kept, and put back after a failure too
    demo_env.setenv("WEAKTIES_BASE_URL", "https://weakties.example")
    with pytest.raises(RuntimeError), demo_mode("http://127.0.0.1:8111/"):
        assert os.environ["WEAKTIES_BASE_URL"] == "https://weakties.example"
        raise RuntimeError("the demo failed")
    assert os.environ["WEAKTIES_BASE_URL"] == "https://weakties.example"
    assert "WEAKTIES_DEMO" not in os.environ and not settings.WEAKTIES_DEMO


@pytest.mark.django_db
def test_demo_honours_the_port_like_serve(demo_env, capsys):
    demo_env.setenv("WEAKTIES_PORT", "8111")
    assert _demo(capsys)["url"] == "http://127.0.0.1:8111/"
    # The option wins over the setting, as for serve; building again reuses the demo.
    info = _demo(capsys, "--port", "8222", "--host", "0.0.0.0")
    assert info["url"] == "http://0.0.0.0:8222/"
    assert Organisation.objects.filter(name=info["organisation"]).count() == 1
    assert AnalysisRun.objects.count() == 1  # nothing changed: no second analysis


def test_make_demo_passes_the_port_on():
    done = subprocess.run(
        ["make", "-n", "demo", "PORT=8111"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "weakties demo --port 8111" in done.stdout
    plain = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True)
    assert re.search(r"weakties demo\s*$", plain.stdout, re.M)


def test_the_readme_says_how_to_pick_the_port():
    readme = (ROOT / "README.md").read_text()
    assert "make demo PORT=8111" in readme and "WEAKTIES_PORT" in readme and "Outbox" in readme


@pytest.fixture
def demo_home(tmp_path):
    """A fresh home (and, on PostgreSQL, a fresh database) for a demo in its own process."""
    env = {k: v for k, v in os.environ.items() if k not in ("WEAKTIES_TASK_BACKEND",)}
    env["WEAKTIES_HOME"] = str(tmp_path)
    for name in ("WEAKTIES_DEMO", "WEAKTIES_BASE_URL", "WEAKTIES_PORT"):
        env.pop(name, None)
    database = None
    if os.environ.get("DATABASE_URL"):
        import psycopg

        database = f"weakties_demo_{uuid.uuid4().hex[:8]}"
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = f"{base}/{database}"
    yield env
    if database:
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _sign_in(url: str, username: str, password: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{url}login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    opener.open(urllib.request.Request(f"{url}login/", data=data), timeout=10).read()
    return opener


@pytest.mark.slow
def test_weakties_demo_serves_on_the_port_with_analysis_and_outbox(demo_home):
    """The real thing: `weakties demo --port P` builds, analyses and serves; the admin reads the outbox."""
    port = free_port()
    log = open(Path(demo_home["WEAKTIES_HOME"]) / "demo.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "weakties.cli", "demo", "--employees", "8", "--port", str(port)],
        env=demo_home | AT_SUITE_PRIORITY,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(
            url.rstrip("/"), proc, Path(demo_home["WEAKTIES_HOME"]) / "demo.log", timeout=240
        )
        printed = (Path(demo_home["WEAKTIES_HOME"]) / "demo.log").read_text()
        admin = re.search(r"(\S+@demo\.nl)\s+/\s+(\S+)\s+\((?:beheerder|admin),", printed)
        assert admin, printed
        opener = _sign_in(url, admin.group(1), admin.group(2))
        dashboard = opener.open(url, timeout=10).read().decode()
        assert 'id="analysis-state"' in dashboard and 'id="nav-outbox"' in dashboard
        assert 'id="intro-search"' in dashboard
        outbox = opener.open(f"{url}outbox/", timeout=10).read().decode()
        assert outbox.count("data-mail=") > 8  # the coming meeting's call, and more
        first = re.search(r'href="(/outbox/\d+/)"', outbox).group(1)
        mail = opener.open(f"{url.rstrip('/')}{first}", timeout=10).read().decode()
        assert f"http://127.0.0.1:{port}/" in mail  # its links lead back to this demo
    finally:
        stop_server(proc, log, timeout=20)
