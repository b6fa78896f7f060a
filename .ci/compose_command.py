"""Print a docker-compose.yml service's command as a shell line, so CI runs exactly what it says."""

import shlex
import sys
from pathlib import Path

import yaml

compose = yaml.safe_load((Path(__file__).resolve().parent.parent / "docker-compose.yml").read_text())
print(shlex.join(compose["services"][sys.argv[1]]["command"]))
