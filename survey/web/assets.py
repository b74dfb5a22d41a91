"""Front-end assets that come from installed packages (Plotly's JavaScript), served by the app
itself: no CDN, and a versioned URL with a year-long cache."""

from __future__ import annotations

from importlib import resources
from importlib.metadata import version

from flask import Blueprint, abort, send_file, url_for

bp = Blueprint("assets", __name__)

PLOTLY_VERSION = version("plotly")
ONE_YEAR = 365 * 24 * 3600


def plotly_js_path():
    return resources.files("plotly") / "package_data" / "plotly.min.js"


@bp.get("/assets/plotly-<asset_version>.min.js")
def plotly_js(asset_version: str):
    if asset_version != PLOTLY_VERSION:
        abort(404)
    response = send_file(str(plotly_js_path()), mimetype="text/javascript", max_age=ONE_YEAR, conditional=True)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


def plotly_js_url() -> str:
    return url_for("assets.plotly_js", asset_version=PLOTLY_VERSION)
