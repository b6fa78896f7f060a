"""The app's production settings with one more address, /bare/: a Django view that only answers "ok",
through the same middleware, for bench_form_page to compare the public form with."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bare_urls"
