"""Configuration from environment variables; the defaults run the local stack."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

LOCAL_LINK_SECRET = "local-only-link-secret"
LOCAL_BUREAU_TOKEN = "skm_local-bureau-token"  # a bureau operator the local stack creates
LOCAL_SUBMIT_SECRET = "local-only-submit-secret"


@dataclass(frozen=True)
class Settings:
    env: str  # "local" (emulators, local files) or "production" (Google Cloud)
    project: str
    firestore_emulator_host: str
    ops_database: str  # Firestore database of operators, plans and follow-ups (its own IAM grants)
    bigquery_endpoint: str  # empty in production: the real BigQuery API
    dataset: str
    reports_bucket: str  # Cloud Storage bucket in production
    reports_dir: Path  # local directory standing in for the bucket
    report_base_url: str
    link_secret: str
    link_ttl_seconds: int
    operator_token: str  # what the `skm` CLI presents to the report API
    region_name: str
    sample_rule: str
    submit_secret: str  # signs form tokens and salts client address hashes
    rate_limit: str  # "LIMIT/SECONDS" per client and unit
    trusted_proxy_hops: int  # X-Forwarded-For entries appended by trusted proxies (Cloud Run: 1)
    form_base_url: str

    @property
    def local(self) -> bool:
        return self.env == "local"


def load(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    mode = env.get("SKM_ENV", "local")
    local = mode == "local"
    settings = Settings(
        env=mode,
        project=env.get("GOOGLE_CLOUD_PROJECT", "skm-local"),
        firestore_emulator_host=env.get("FIRESTORE_EMULATOR_HOST", "127.0.0.1:8681" if local else ""),
        ops_database=env.get("SKM_OPS_DATABASE", "skm-ops"),
        bigquery_endpoint=env.get("SKM_BIGQUERY_ENDPOINT", "http://127.0.0.1:9050" if local else ""),
        dataset=env.get("SKM_DATASET", "skm"),
        reports_bucket=env.get("SKM_REPORTS_BUCKET", ""),
        reports_dir=Path(env.get("SKM_REPORTS_DIR", "out/reports")),
        report_base_url=env.get("SKM_REPORT_BASE_URL", "http://127.0.0.1:8083").rstrip("/"),
        link_secret=env.get("SKM_LINK_SECRET", LOCAL_LINK_SECRET if local else ""),
        link_ttl_seconds=int(env.get("SKM_LINK_TTL_SECONDS", "3600")),
        operator_token=env.get("SKM_TOKEN", LOCAL_BUREAU_TOKEN if local else ""),
        region_name=env.get("SKM_REGION_NAME", "Pemerintah Kota Contoh"),
        sample_rule=env.get("SKM_SAMPLE_RULE", "krejcie-morgan"),
        submit_secret=env.get("SKM_SUBMIT_SECRET", LOCAL_SUBMIT_SECRET if local else ""),
        rate_limit=env.get("SKM_RATE_LIMIT", "20/600"),
        trusted_proxy_hops=int(env.get("SKM_TRUSTED_PROXY_HOPS", "0" if local else "1")),
        form_base_url=env.get("SKM_FORM_BASE_URL", "http://127.0.0.1:8081").rstrip("/"),
    )
    return settings


def require(settings: Settings, *names: str) -> Settings:
    """Refuse to run outside the local stack without the secrets a function needs."""
    missing = [name for name in names if not getattr(settings, name)]
    if missing and not settings.local:
        raise RuntimeError(f"set {', '.join('SKM_' + n.upper() for n in missing)} outside the local stack")
    return settings
