@setup @microsoft-docs
Feature: No forest was added after password writeback was enabled
  ADSync 6329 with 0x8023061f: a forest was added after writeback was enabled.

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-forest-added-after-writeback" passes

  Scenario: A second forest was added last week and its users cannot reset
    Given the Application log holds only ADSync event 6329 with code 0x8023061f
    When the tenant is diagnosed
    Then "event-forest-added-after-writeback" fails with "password-sync-not-enabled-on-ma"
