"""Every Firestore field the code queries on is declared in shared/schemas/firestore.json."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_queried_fields_are_declared():
    declared = json.loads((ROOT / "shared/schemas/firestore.json").read_text())
    fields = {q["field"] for q in declared["single_field_queries"]}
    fields |= {f["field_path"] for index in declared["composite_indexes"] for f in index["fields"]}
    exempt = {o["field"] for o in declared["field_overrides"] if o["collection"] == "responses"}
    adapters = "\n".join(path.read_text() for path in (ROOT / "shared/adapters").glob("*.py"))
    queried = set(re.findall(r'FieldFilter\("([a-z_]+)"', adapters))
    assert queried and queried <= fields
    assert not queried & exempt  # an exempted field cannot be filtered on


def test_infra_reads_the_same_schema_files():
    terraform = "\n".join(p.read_text() for p in (ROOT / "infra").glob("*.tf"))
    assert "shared/schemas/firestore.json" in terraform and "shared/schemas/bigquery.json" in terraform
