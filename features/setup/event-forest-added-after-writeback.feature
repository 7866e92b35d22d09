Feature: No forest was added after password writeback was enabled
  ADSync 6329 with 0x8023061f: a forest was added after writeback was enabled.

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "event-forest-added-after-writeback" passes

  Scenario: A second forest was added last week and its users cannot reset
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 6329, "source": "ADSync", "code": "0x8023061f", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-forest-added-after-writeback" fails with "password-sync-not-enabled-on-ma"
