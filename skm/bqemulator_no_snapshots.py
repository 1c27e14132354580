"""bqemulator without its automatic time-travel snapshots, for `make bench`.

After every write bqemulator copies the whole table (CREATE TABLE ... AS SELECT) so that it
can answer FOR SYSTEM_TIME AS OF; BigQuery keeps time travel in storage, at no such cost.
With a million responses loaded in 10,000-row jobs those copies grew the emulator past 8 GB
and made each load slower than the one before, so the benchmark measured the emulator.
Nothing in skm-cloud reads time travel. Tests and the demo run the emulator unchanged.
"""

from bqemulator.cli import main
from bqemulator.versioning.snapshots import SnapshotManager

SnapshotManager.capture = lambda self, *args, **kwargs: None  # type: ignore[method-assign]  # "no such table": no snapshot taken

if __name__ == "__main__":
    main()
