"""Where the vendored front-end assets live."""
USWDS_VERSION = "3.14.0"
USWDS = f"vendor/uswds-{USWDS_VERSION}"
