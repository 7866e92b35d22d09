Feature: The Application log shows no unknown or configuration error from AD
  33001 unknown AD error (for example reserved characters in OU names), 33009 AD configuration error.

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "event-ad-unknown-error" passes

  Scenario: A user sits in an OU whose name starts with #
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 33001, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-ad-unknown-error" fails with "ad-unknown-error-33001"

  Scenario: 33009 configuration error
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 33009, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-ad-unknown-error" fails with "ad-configuration-error-33009"
