Feature: The Application log shows the writeback service running
  6800 (WCF endpoint did not start), 31044 (a relay host is down), 31016 (service stopped).

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "event-service-not-running" passes

  Scenario: 6800 after the ADSync service restarted
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 6800, "source": "ADSync", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-service-not-running" fails with "wcf-endpoint-failed-6800"

  Scenario: 31044: one of the two relay hosts is not running
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 31044, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-service-not-running" fails with "relay-host-not-running-31044"

  Scenario: 31016: the writeback service stopped
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 31016, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-service-not-running" fails with "writeback-service-stopped-31016"
