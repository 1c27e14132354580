"""Developer and bureau tooling: the `skm` command and the local stack."""
