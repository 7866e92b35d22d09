"""Binds every scenario under features/ (the living documentation) to the generic steps."""

from pytest_bdd import scenarios

from .steps import *  # noqa: F401,F403  (step definitions must be visible in this module)

scenarios(".")
