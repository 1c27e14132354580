"""Settings from environment variables, validated at start; the defaults run the local stack.

A bad value stops a function before it serves anything, with a message that names the
variable; outside the local stack a function refuses to start without its secrets.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from shared.rules.sampling import SampleRule

LOCAL_LINK_SECRET = "local-only-link-secret"
LOCAL_BUREAU_TOKEN = "skm_local-bureau-token"  # a bureau operator the local stack creates
LOCAL_SUBMIT_SECRET = "local-only-submit-secret"
RATE_LIMITS = r"^[1-9][0-9]{0,5}/[1-9][0-9]{0,6}(,[1-9][0-9]{0,5}/[1-9][0-9]{0,6})*$"  # LIMIT/SECONDS, ...
SECRETS = {"submit": ("submit_secret",), "report": ("link_secret",), "aggregate": ()}


class SettingsError(ValueError):
    """A setting is missing or bad; the message names the environment variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True, validate_default=False)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only what `load` is given: never the process environment or a .env file behind its back."""
        return (init_settings,)

    env: Literal["local", "production"] = Field("local", validation_alias="SKM_ENV")
    project: str = Field("skm-local", validation_alias="GOOGLE_CLOUD_PROJECT")
    firestore_emulator_host: str = Field(None, validation_alias="FIRESTORE_EMULATOR_HOST")  # type: ignore[assignment]
    ops_database: str = Field("skm-ops", validation_alias="SKM_OPS_DATABASE")
    access_database: str = Field("skm-access", validation_alias="SKM_ACCESS_DATABASE")
    bigquery_endpoint: str = Field(None, validation_alias="SKM_BIGQUERY_ENDPOINT")  # type: ignore[assignment]  # empty: BigQuery itself
    dataset: str = Field("skm", validation_alias="SKM_DATASET", pattern=r"^[A-Za-z0-9_]{1,1024}$")
    reports_bucket: str = Field("", validation_alias="SKM_REPORTS_BUCKET")  # empty: SKM_REPORTS_DIR
    reports_dir: Path = Field(Path("out/reports"), validation_alias="SKM_REPORTS_DIR")
    public_bucket: str = Field("", validation_alias="SKM_PUBLIC_BUCKET")  # empty: SKM_PUBLIC_DIR
    public_dir: Path = Field(Path("out/public"), validation_alias="SKM_PUBLIC_DIR")
    public_base_url: str = Field("http://127.0.0.1:8084", validation_alias="SKM_PUBLIC_BASE_URL")
    # a unit with fewer respondents is not graded or ranked in public ("data belum cukup")
    min_respondents: int = Field(30, ge=1, validation_alias="SKM_MIN_RESPONDENTS")
    # a complaint still "baru" after this many hours stands out in the inbox as overdue
    reply_target_hours: int = Field(72, ge=1, le=24 * 60, validation_alias="SKM_REPLY_TARGET_HOURS")
    report_base_url: str = Field("http://127.0.0.1:8083", validation_alias="SKM_REPORT_BASE_URL")
    link_secret: str = Field(None, validation_alias="SKM_LINK_SECRET")  # type: ignore[assignment]
    link_ttl_seconds: int = Field(3600, ge=60, le=7 * 24 * 3600, validation_alias="SKM_LINK_TTL_SECONDS")
    operator_token: str = Field(None, validation_alias="SKM_TOKEN")  # type: ignore[assignment]  # what the `skm` CLI presents
    region_name: str = Field("Pemerintah Kota Contoh", min_length=1, validation_alias="SKM_REGION_NAME")
    maklumat_text: str = Field("", max_length=2000, validation_alias="SKM_MAKLUMAT_TEXT")  # empty: the usual words
    # the public site's open data: its licence and where a reader writes to (the region publishes it)
    open_data_licence: Literal["CC-BY-4.0", "CC0-1.0", "ODbL-1.0"] = Field(
        "CC-BY-4.0", validation_alias="SKM_OPEN_DATA_LICENCE"
    )
    contact_email: str = Field("", pattern=r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$", validation_alias="SKM_CONTACT_EMAIL")
    # no response is dated before this year: a typo like 1999 is refused with its line and column
    earliest_year: int = Field(2017, ge=2000, le=2100, validation_alias="SKM_EARLIEST_YEAR")
    # the region's logo on the official reports' covers: a PNG or JPEG file (none by default)
    logo_file: Path | None = Field(None, validation_alias="SKM_LOGO_FILE")
    sample_rule: SampleRule = Field("krejcie-morgan", validation_alias="SKM_SAMPLE_RULE")
    submit_secret: str = Field(None, validation_alias="SKM_SUBMIT_SECRET")  # type: ignore[assignment]  # form tokens, address salt
    rate_limit: str = Field("10/100,400/86400", pattern=RATE_LIMITS, validation_alias="SKM_RATE_LIMIT")
    device_rate_limit: str = Field("3/60,500/86400", pattern=RATE_LIMITS, validation_alias="SKM_DEVICE_RATE_LIMIT")
    receipt_lookups_per_minute: int = Field(20, ge=1, le=100_000, validation_alias="SKM_RECEIPT_LOOKUPS_PER_MINUTE")
    # X-Forwarded-For entries appended by trusted proxies (Cloud Run: 1); None: 0 locally, 1 in production
    trusted_proxy_hops: int = Field(None, ge=0, le=5, validation_alias="SKM_TRUSTED_PROXY_HOPS")  # type: ignore[assignment]
    form_base_url: str = Field("http://127.0.0.1:8081", validation_alias="SKM_FORM_BASE_URL")
    # The region's clock: which quarter a response belongs to, and every time shown to a person.
    timezone: str = Field("Asia/Jakarta", validation_alias="SKM_TIMEZONE")
    # The kinds of period the region reports (all by default), comma-separated.
    period_kinds: str = Field("quarter,semester,year", validation_alias="SKM_PERIODS")
    # The ingester: documents per chunk (one load job each), and how long one invocation
    # ingests before it hands the rest to a continuation message (the function's limit is 540 s).
    ingest_chunk: int = Field(20_000, ge=1, le=100_000, validation_alias="SKM_INGEST_CHUNK")
    ingest_seconds: float = Field(300, gt=0, le=480, validation_alias="SKM_INGEST_SECONDS")
    # The aggregation's Pub/Sub topic, which a run's continuation is published to; locally the
    # Pub/Sub emulator's address (empty in production: Pub/Sub itself)
    aggregate_topic: str = Field(
        "skm-aggregate", pattern=r"^[A-Za-z][A-Za-z0-9._~+%-]{2,100}$", validation_alias="SKM_AGGREGATE_TOPIC"
    )
    pubsub_emulator_host: str = Field(None, validation_alias="PUBSUB_EMULATOR_HOST")  # type: ignore[assignment]

    @field_validator("logo_file", mode="before")
    @classmethod
    def _logo_image(cls, value: object) -> object:
        if value in (None, ""):
            return None
        try:
            head = Path(str(value)).read_bytes()[:8]
        except OSError as error:
            raise ValueError(f"cannot read the file: {error.strerror}") from None
        if not head.startswith((b"\x89PNG", b"\xff\xd8\xff")):
            raise ValueError("not a PNG or JPEG image")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("not an IANA time zone such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura") from None
        return value

    @field_validator("period_kinds")
    @classmethod
    def _known_kinds(cls, value: str) -> str:
        kinds = [kind.strip() for kind in value.split(",") if kind.strip()]
        if not kinds or set(kinds) - {"quarter", "semester", "year"}:
            raise ValueError("a comma-separated choice of quarter, semester and year")
        return ",".join(kinds)

    @field_validator("report_base_url", "form_base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    # Fields defaulting to None are filled in below: their defaults depend on SKM_ENV.
    @model_validator(mode="after")
    def _local_defaults(self) -> Settings:
        """The local stack's emulators and fixed secrets; production gets none of them."""
        local = self.env == "local"
        defaults = {
            "firestore_emulator_host": "127.0.0.1:8681" if local else "",
            "bigquery_endpoint": "http://127.0.0.1:9050" if local else "",
            "pubsub_emulator_host": "127.0.0.1:8085" if local else "",
            "link_secret": LOCAL_LINK_SECRET if local else "",
            "submit_secret": LOCAL_SUBMIT_SECRET if local else "",
            "operator_token": LOCAL_BUREAU_TOKEN if local else "",
            "trusted_proxy_hops": 0 if local else 1,
        }
        for name, value in defaults.items():
            if getattr(self, name) is None:
                object.__setattr__(self, name, value)
        return self

    @property
    def local(self) -> bool:
        return self.env == "local"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.period_kinds.split(","))


def variable(field: str) -> str:
    """The environment variable of a setting."""
    return str(Settings.model_fields[field].validation_alias)


def load(environ: Mapping[str, str]) -> Settings:
    """Settings from `environ` alone (a function passes `os.environ`); SettingsError names what is wrong."""
    source = environ
    names = {variable(field) for field in Settings.model_fields}
    try:
        return Settings.model_validate({key: value for key, value in source.items() if key in names})
    except ValidationError as error:
        problems = "; ".join(f"{_named(e['loc'])}: {e['msg']}" for e in error.errors())
        raise SettingsError(f"bad setting: {problems}") from None


def _named(location: tuple[int | str, ...]) -> str:
    name = str(location[0]) if location else "settings"
    return variable(name) if name in Settings.model_fields else name


def require_for(settings: Settings, function: str) -> Settings:
    """Refuse to run outside the local stack without the secrets `function` needs."""
    missing = [variable(name) for name in SECRETS[function] if not getattr(settings, name)]
    if missing and not settings.local:
        raise SettingsError(f"{function} refuses to start: set {', '.join(missing)} (SKM_ENV={settings.env})")
    return settings
