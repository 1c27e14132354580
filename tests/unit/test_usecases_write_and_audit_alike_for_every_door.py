"""The use cases the operator area and the CLI share: each validates, writes and audits the same
way whichever door called it; a refusal writes nothing (on the fakes)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from shared.rules.follow_up import PlanRow
from shared.rules.periods import JAKARTA, Period
from shared.rules.records import Unit
from shared.usecases import administration, plans, publishing
from tests.helpers.fakes import fake_services

NOW = datetime(2026, 11, 2, 3, 0, tzinfo=timezone.utc)
UNIT = Unit(unit_id="kel-a", name="Kelurahan A", type="Kelurahan")


def stores():
    services = fake_services([UNIT])
    return services, administration.stores_of(services)


def audit(services) -> list[tuple[str, str, str]]:
    return [(record["by"], record["action"], record["target"]) for record in services.ops.admin]


def test_an_operator_is_stored_lowercase_and_the_person_who_added_them_is_audited():
    services, admin = stores()
    person, token = administration.add_operator(" Lurah@Contoh.GO.ID ", ["kel-a"], False, "biro@x", NOW, admin)
    assert person.email == "lurah@contoh.go.id" and token.startswith("skm_")
    assert services.access.operator(person.token_hash) == person
    assert audit(services) == [("biro@x", "operator_added", "lurah@contoh.go.id")]


@pytest.mark.parametrize(
    ("email", "units", "bureau", "key"),
    [
        ("not an address", ["kel-a"], False, "email_invalid"),
        ("lurah@contoh.go.id", [], False, "units_needed"),
        ("lurah@contoh.go.id", ["kel-zz"], False, "units_needed"),
    ],
)
def test_a_refused_operator_writes_nothing_and_says_why(email, units, bureau, key):
    services, admin = stores()
    with pytest.raises(administration.Refused) as refused:
        administration.add_operator(email, units, bureau, "biro@x", NOW, admin)
    assert refused.value.key == key
    assert services.access.list_operators() == [] and services.ops.admin == []


def test_links_and_revocations_name_who_acted_and_nobody_revokes_themselves():
    services, admin = stores()
    person, _ = administration.add_operator("lurah@contoh.go.id", ["kel-a"], False, "biro@x", NOW, admin)
    code, record = administration.make_sign_in_link(person, "cli-user", NOW, admin)
    assert code and record["email"] == person.email
    with pytest.raises(administration.Refused):
        administration.revoke_operator("Biro@X", "biro@x", NOW, admin)
    assert administration.revoke_operator("LURAH@contoh.go.id", "biro@x", NOW, admin) == 1
    with pytest.raises(administration.Refused):
        administration.active_operator(person.email, admin)
    assert audit(services)[1:] == [
        ("cli-user", "sign_in_link_made", "lurah@contoh.go.id"),
        ("biro@x", "operator_revoked", "lurah@contoh.go.id"),
    ]


def test_a_units_file_counts_new_and_updated_units_and_is_audited():
    services, admin = stores()
    renamed = UNIT.model_copy(update={"name": "Kelurahan A Baru"})
    new = Unit(unit_id="kel-b", name="Kelurahan B", type="Kelurahan")
    assert administration.import_units([renamed, new], "units.xlsx", "biro@x", NOW, admin, zone=timezone.utc) == (1, 1)
    assert services.units.get_unit("kel-a").name == "Kelurahan A Baru"
    assert audit(services) == [("biro@x", "units_imported", "units.xlsx")]
    # A new unit joins today (in the region's zone: 2 November 10.00 WIB); a known one keeps its day.
    assert services.units.get_unit("kel-b").registered == date(2026, 11, 2)
    assert services.units.get_unit("kel-a").registered is None
    later = NOW + timedelta(days=30)
    administration.import_units([new.model_copy(update={"name": "B"})], "u.csv", "biro@x", later, admin, zone=JAKARTA)
    assert services.units.get_unit("kel-b").registered == date(2026, 11, 2)
    with pytest.raises(administration.Refused):
        administration.add_unit(new, "biro@x", NOW, admin, zone=timezone.utc)


def test_a_units_file_keeps_a_closed_unit_closed():
    """The file has no state column: importing it again must not reopen a unit (issue 26, 12)."""
    services, admin = stores()
    services.units.put_units([UNIT.model_copy(update={"active": False})])
    administration.import_units([UNIT.model_copy(update={"name": "A"})], "u.csv", "biro@x", NOW, admin, zone=JAKARTA)
    kept = services.units.get_unit("kel-a")
    assert kept.name == "A" and kept.active is False


def test_a_new_target_already_past_is_refused_while_one_saved_earlier_may_stay():
    services, _ = stores()
    quarter = Period.parse("2026-Q3")
    site = publishing.deployed(services)
    today = NOW.astimezone(JAKARTA).date()
    late = PlanRow(item="U3", action="Tambah loket", due=today - timedelta(days=1))
    with pytest.raises(plans.PastDue) as refused:
        plans.save_plan("kel-a", quarter, [late], "op@x", NOW, zone=JAKARTA, store=services.ops, site=site)
    assert refused.value.row.item == "U3" and services.ops.plan("kel-a", quarter.key) is None
    services.ops.put_plan("kel-a", quarter.key, {"rows": [late.model_dump(mode="json")]})
    kept = plans.save_plan(
        "kel-a", quarter, [late, PlanRow(item="U9")], "op@x", NOW, zone=JAKARTA, store=services.ops, site=site
    )
    assert [row.item for row in kept.rows] == ["U3"] and kept.updated_by == "op@x"  # an empty row is not kept
    assert services.ops.plan("kel-a", quarter.key)["rows"][0]["due"] == (today - timedelta(days=1)).isoformat()


def test_the_due_date_rule_reads_the_regions_calendar():
    """00:30 WITA on 1 December is still 30 November in Jakarta: 'yesterday' depends on the zone."""
    from zoneinfo import ZoneInfo

    from shared.rules import follow_up

    moment = datetime(2026, 11, 30, 16, 30, tzinfo=timezone.utc)
    row = PlanRow(item="U3", action="x", due=date(2026, 11, 30))
    assert follow_up.new_past_due([row], None, moment.astimezone(ZoneInfo("Asia/Makassar")).date()) == row
    assert follow_up.new_past_due([row], None, moment.astimezone(JAKARTA).date()) is None
