"""Packages: hipaa_checks and its subpackages, plus policies/ installed as hipaa_checks/policies/.

Metadata lives in pyproject.toml. This file exists only because pyproject's packages.find cannot map a
directory outside the package into it. The wheel then carries the same policies as a checkout, and
`checkov --external-checks-dir "$(hipaa-checks policies-dir)"` works from an installed hipaa-checks.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["hipaa_checks", "hipaa_checks.*"]), "hipaa_checks.policies"],
    package_dir={"hipaa_checks.policies": "policies"},
)
