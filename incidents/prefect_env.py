"""Prefect kept quiet and offline: set before Prefect is first imported."""

from __future__ import annotations

import os

from incidents.settings import Settings

_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "PREFECT_UI_ENABLED": "true",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    "GX_ANALYTICS_ENABLED": "false",
}


def configure_prefect(settings: Settings) -> None:
    """Offline defaults; a user's own PREFECT_* variables win over them."""
    for key, value in _DEFAULTS.items():
        os.environ.setdefault(key, value)
    # Prefect's own logs (task states, tracebacks of a failed run) only when asked for: the CLI
    # reports a failed run in one line.
    level = settings.log_level.upper()
    os.environ.setdefault(
        "PREFECT_LOGGING_LEVEL", level if level in ("DEBUG", "INFO") else "CRITICAL"
    )
    if settings.prefect_api_url:
        os.environ["PREFECT_API_URL"] = settings.prefect_api_url
