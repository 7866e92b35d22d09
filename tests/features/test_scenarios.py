"""Binds every scenario under features/ (the living documentation) to the steps of conftest.py."""

from pytest_bdd import scenarios

scenarios(".")
