Feature: The Application log shows each user found exactly once on premises
  33002 not found, 33003 several matches, hr=80230402 duplicated anchors.

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "event-user-not-matched" passes

  Scenario: Duplicated entries with the same anchor (hr=80230402)
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 6329, "source": "ADSync", "code": "0x80230402", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-user-not-matched" fails with "duplicated-anchor-80230402"

  Scenario: The user is enabled in the account and the resource forest
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 33003, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-user-not-matched" fails with "multiple-matches-33003"

  Scenario: 'Multiple matches found' in a sync engine message
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 6329, "source": "ADSync", "code": "none", "detail": "multiple-matches"}]
    When the tenant is diagnosed
    Then "event-user-not-matched" fails with "multiple-matches-33003"

  Scenario: The user was deleted on premises
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 33002, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-user-not-matched" fails with "user-not-found-33002"
