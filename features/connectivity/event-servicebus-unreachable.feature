Feature: The Application log shows the Connect server reaching the cloud relay
  32002, 32011, 31034 (certificate), 32001, 32015 and 32014 of PasswordResetService.

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" passes

  Scenario: 31034 says the remote certificate is invalid
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 31034, "source": "PasswordResetService", "code": "none", "detail": "remote-certificate-invalid"}]
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "servicebus-certificate-invalid-31034"

  Scenario: 32002: the token provider was unable to provide a security token
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32002, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "servicebus-error-32002"

  Scenario: Onboarding could not reach the Service Bus (32011)
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32011, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "onboarding-service-error-32011"

  Scenario: 31034 without a certificate message
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 31034, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "servicebus-listener-error-31034"

  Scenario: 32001: the password reset web service is unreachable
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32001, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "password-reset-service-unreachable-32001"

  Scenario: 32015: the health heartbeat failed
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32015, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "heartbeat-failed-32015"

  Scenario: 32014: occasional retries to the Service Bus
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 32014, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "servicebus-retries-32014"
