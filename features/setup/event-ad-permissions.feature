Feature: The Application log shows no permission error of the connector account
  33004 names missing permissions; with ADSync 6329 ERROR_ACCESS_DENIED it is the remote-SAM policy.

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "event-ad-permissions" passes

  Scenario: 33004 and 6329 ERROR_ACCESS_DENIED are logged together
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 33004, "source": "PasswordResetService", "code": "none", "detail": "none"}, {"id": 6329, "source": "ADSync", "code": "none", "detail": "access-denied"}]
    When the tenant is diagnosed
    Then "event-ad-permissions" fails with "remote-sam-access-denied-6329"

  Scenario: 33004 alone after a reset attempt
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 33004, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-ad-permissions" fails with "ad-permissions-error-33004"
