"""The one typed settings object: environment variables prefixed INCIDENTS_ (or a .env file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting of the pipeline; nothing else reads the environment."""

    model_config = SettingsConfigDict(env_prefix="INCIDENTS_", env_file=".env", extra="ignore")

    warehouse: Path = Field(Path("warehouse-data"), description="published warehouse folder")
    inbox: Path = Field(Path("inbox"), description="input folder when no --input is given")
    seeds_dir: Path | None = Field(None, description="reference data; default: the bundled seeds/")
    cron: str = Field("0 2 * * *", description="nightly schedule of `incidents serve`")
    timezone: str = Field("UTC", description="IANA time zone of the cron schedule")
    max_document_bytes: int = Field(5_000_000, description="larger inputs are rejected")
    batch_size: int = Field(500, description="documents per extraction task")
    # Measured: the slowest real article took 0.04 CPU-s (news corpus, 77 documents) and
    # 0.004 CPU-s (GTD-based set, 2,149); 100 KB of joined articles takes 0.8 CPU-s. Five
    # seconds is ample for any real article and stops a pathological one.
    document_seconds: float = Field(
        5.0, gt=0, description="CPU seconds of extraction per document before it is rejected"
    )
    workers: int | None = Field(
        None, ge=1, description="extraction processes; default: one per core"
    )
    dask_address: str | None = Field(
        None, description="scheduler of an existing Dask cluster that runs the extraction"
    )
    dask_workers: int | None = Field(
        None, ge=1, description="start a local Dask cluster of this many worker processes"
    )
    keep_versions: int = Field(3, description="publications kept under _versions/")
    reader_grace_seconds: float = Field(
        86_400, description="an older publication is kept this long for readers that opened it"
    )
    prefect_api_url: str | None = Field(
        None, description="Prefect server to use; default: start one"
    )
    server_host: str = Field("127.0.0.1", description="host of the Prefect server `serve` starts")
    server_port: int = Field(4200, description="port of the Prefect server `serve` starts")
    server_startup_timeout: float = Field(
        600.0,
        description="seconds to wait for the local Prefect server to answer (its first start "
        "on a new machine migrates its database: about a minute, longer on a busy machine)",
    )
    log_level: str = Field("WARNING", description="log level of the pipeline and of Prefect")


def get_settings() -> Settings:
    return Settings()


def flow_parameters(
    settings: Settings,
    inputs: list[Path] | None = None,
    warehouse: Path | None = None,
    absolute: bool = False,
) -> dict[str, Any]:
    """The nightly flow's parameters: the given paths, else the settings.

    The one place that maps settings to the flow, used by `run`, `serve`, `evaluate` and by
    the flow itself when a deployment starts it without parameters. `absolute` resolves the
    paths, for runs started later from another working directory.
    """
    paths = list(inputs or [settings.inbox])
    wh = warehouse or settings.warehouse
    if absolute:
        paths, wh = [p.resolve() for p in paths], wh.resolve()
    return {
        "inputs": [str(p) for p in paths],
        "warehouse": str(wh),
        "seeds_dir": str(settings.seeds_dir) if settings.seeds_dir else None,
        "max_document_bytes": settings.max_document_bytes,
        "batch_size": settings.batch_size,
        "keep_versions": settings.keep_versions,
        "reader_grace_seconds": settings.reader_grace_seconds,
        "document_seconds": settings.document_seconds,
    }
