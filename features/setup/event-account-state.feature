Feature: The Application log shows no disabled or locked-out account
  33005 disabled, 33006 locked out, 33007 wrong current password (a note only).

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "event-account-state" passes

  Scenario: The account is disabled on premises
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 33005, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-account-state" fails with "account-disabled-33005"

  Scenario: The account is locked out on premises
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 33006, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-account-state" fails with "account-locked-33006"

  Scenario: The user mistyped the current password
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 33007, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-account-state" fails with "incorrect-current-password-33007"
