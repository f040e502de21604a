#!/usr/bin/env bash
# Refresh the vendored U.S. Web Design System: bash static/vendor/refresh-uswds.sh 3.14.0
# Copies only what the built CSS and the site use: CSS, JS, the three default font families, and images
# referenced by the CSS or the gov banner. Then update USWDS_VERSION in lms/web/assets.py.
set -euo pipefail
version="${1:?usage: refresh-uswds.sh VERSION}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "@uswds/uswds@$version")
src="$work/node_modules/@uswds/uswds/dist"
dest="$here/uswds-$version"
rm -rf "$dest"
mkdir -p "$dest/css" "$dest/js" "$dest/fonts" "$dest/img"
cp "$src/css/uswds.min.css" "$dest/css/"
cp "$src/js/uswds.min.js" "$src/js/uswds-init.min.js" "$dest/js/"
for family in merriweather roboto-mono source-sans-pro; do
  mkdir -p "$dest/fonts/$family"
  cp "$src/fonts/$family"/*.woff2 "$dest/fonts/$family/"
done
grep -o 'url(\.\./img/[^)]*)' "$src/css/uswds.min.css" | sed 's/url(\.\.\/img\///; s/)$//' | sort -u | while read -r img; do
  mkdir -p "$dest/img/$(dirname "$img")"
  cp "$src/img/$img" "$dest/img/$img"
done
for img in us_flag_small.png icon-dot-gov.svg icon-https.svg sprite.svg; do
  cp "$src/img/$img" "$dest/img/$img"
done
cp "$work/node_modules/@uswds/uswds/LICENSE.md" "$dest/LICENSE.md"
echo "vendored USWDS $version into $dest"
