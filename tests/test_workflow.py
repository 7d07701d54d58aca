"""The GitHub Pages workflow is valid against the workflow schema (vendored, no network)."""

import subprocess
import sys
from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github/workflows/pages.yml"


def test_pages_workflow_is_valid_and_publishes_a_strict_build():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.github-workflows", str(WORKFLOW)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    steps = [s for job in yaml.safe_load(WORKFLOW.read_text())["jobs"].values()
             for s in job["steps"]]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert {"actions/checkout", "actions/setup-python", "actions/upload-pages-artifact",
            "actions/deploy-pages", "actions/upload-artifact"} <= set(uses)
    assert any("make site" in s.get("run", "") and "--strict" in s["run"] for s in steps)
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"
