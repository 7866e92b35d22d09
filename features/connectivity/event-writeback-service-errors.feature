Feature: The Application log shows no key, configuration or unknown error
  32004/32010 keys, 32005/32007/32008 configuration, 32000 unknown: disable and re-enable writeback.

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "event-writeback-service-errors" passes

  Scenario: 32004: passwords from the cloud cannot be decrypted
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32004, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-writeback-service-errors" fails with "key-error-32004-32010"

  Scenario: 32010: the key pair could not be created
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32010, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-writeback-service-errors" fails with "key-error-32004-32010"

  Scenario: 32005: the writeback configuration could not be saved
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32005, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-writeback-service-errors" fails with "configuration-error-32005-32007"

  Scenario: 32008: an invalid response from the web service
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32008, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-writeback-service-errors" fails with "configuration-error-32005-32007"

  Scenario: 32000: an unknown error with a tracking ID
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32000, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-writeback-service-errors" fails with "unknown-error-32000"
