Feature: The Application log shows no failed onboarding or offboarding
  Events 32009, 31014 and 32013 of PasswordResetService name a failed (off)boarding and its cause.

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "event-onboarding-failed" passes

  Scenario: Setup ends with 'Error getting auth token'
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32009, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-onboarding-failed" fails with "auth-token-error-32009"

  Scenario: Disabling writeback failed with a federated administrator
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 31014, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-onboarding-failed" fails with "offboarding-failed-31014"

  Scenario: Offboarding could not reach the cloud
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32013, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-onboarding-failed" fails with "offboarding-comm-error-32013"
