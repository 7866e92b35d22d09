@connectivity @microsoft-docs
Feature: The Application log shows the Connect server reaching the cloud relay
  32002, 32011, 31034 (certificate), 32001, 32015 and 32014 of PasswordResetService.

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" passes

  Scenario: 31034 says the remote certificate is invalid
    Given the Application log holds only PasswordResetService event 31034 saying remote-certificate-invalid
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "servicebus-certificate-invalid-31034"

  Scenario Outline: <situation>
    Given the Application log holds only PasswordResetService event <id>
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "<finding>"

    Examples:
      | situation                                                        | id    | finding                                  |
      | 32002: the token provider was unable to provide a security token | 32002 | servicebus-error-32002                   |
      | Onboarding could not reach the Service Bus (32011)               | 32011 | onboarding-service-error-32011           |
      | 31034 without a certificate message                              | 31034 | servicebus-listener-error-31034          |
      | 32001: the password reset web service is unreachable             | 32001 | password-reset-service-unreachable-32001 |
      | 32015: the health heartbeat failed                               | 32015 | heartbeat-failed-32015                   |
      | 32014: occasional retries to the Service Bus                     | 32014 | servicebus-retries-32014                 |

  # Correction (expert review): clock skew on the Connect server gives the same symptoms (KB3185990).
  Scenario: 32002 and the remedy asks for the server's clock too
    Given a healthy hybrid tenant
    And the Application log holds only PasswordResetService event 32002
    When the tenant is diagnosed
    Then the remedy of "event-servicebus-unreachable" says "w32tm /query /status"

  Scenario Outline: <situation>
    Given the Application log holds PasswordResetService event <error> logged at <error_time> and event 31019 logged at <heartbeat_time>
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" <outcome>

    Examples:
      | situation                                                  | error | error_time           | heartbeat_time       | outcome                                       |
      | 32002, then a 31019 heartbeat: the relay is reachable again | 32002 | 2026-11-20T08:00:00Z | 2026-11-20T08:10:00Z | passes                                        |
      | 31034, then a 31019 heartbeat: the listener recovered      | 31034 | 2026-11-20T08:00:00Z | 2026-11-20T08:10:00Z | passes                                        |
      | 32002 after the last 31019 heartbeat                       | 32002 | 2026-11-20T08:10:00Z | 2026-11-20T08:00:00Z | fails with "servicebus-error-32002"           |
      | 31034 after the last 31019 heartbeat                       | 31034 | 2026-11-20T08:10:00Z | 2026-11-20T08:00:00Z | fails with "servicebus-listener-error-31034"  |
