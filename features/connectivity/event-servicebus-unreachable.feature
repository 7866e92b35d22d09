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
      | 32002 while the relay's port test passes (the healthy tenant's)  | 32002 | servicebus-error-32002-ports-open        |
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
      | 32002 after the last 31019 heartbeat                       | 32002 | 2026-11-20T08:10:00Z | 2026-11-20T08:00:00Z | fails with "servicebus-error-32002-ports-open" |
      | 31034 after the last 31019 heartbeat                       | 31034 | 2026-11-20T08:10:00Z | 2026-11-20T08:00:00Z | fails with "servicebus-listener-error-31034"  |

  # Expert re-review 2026-12-07 (§3 C6): when the port tests pass, the firewall is not the first
  # suspect; the proxy, TLS inspection and the clock are.
  Scenario: 32002 with the Service Bus port test failing: a firewall blocks the relay
    Given the Application log holds only PasswordResetService event 32002
    And the Connect server cannot reach the Service Bus endpoint
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "servicebus-error-32002"

  Scenario: 32002 although both port tests pass: proxy, TLS inspection and clock come first
    Given the Application log holds only PasswordResetService event 32002
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "servicebus-error-32002-ports-open"
    And the diagnosis of "event-servicebus-unreachable" says "proxy"
    And the diagnosis of "event-servicebus-unreachable" says "TLS inspection"
    And the diagnosis of "event-servicebus-unreachable" says "clock"
    And "firewall-servicebus-endpoint" passes

  Scenario: 32002 and nobody tested the port: the firewall is the first suspect
    Given the Application log holds only PasswordResetService event 32002
    And nobody has tested the Service Bus endpoint
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "servicebus-error-32002"

  # Expert re-review 2026-12-07 (§8 L1): 32001 and 32011 clear like 32002 and 31034.
  Scenario Outline: <situation>
    Given the Application log holds PasswordResetService event <error> logged at <error_time> and event <success> logged at <success_time>
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" <outcome>

    Examples:
      | situation                                           | error | error_time           | success | success_time         | outcome                                                  |
      | 32001, then a successful onboarding (31005)         | 32001 | 2026-11-20T08:00:00Z | 31005   | 2026-11-20T08:10:00Z | passes                                                   |
      | 32011, then a successful onboarding (31005)         | 32011 | 2026-11-20T08:00:00Z | 31005   | 2026-11-20T08:10:00Z | passes                                                   |
      | 32011, then heartbeats (31019)                      | 32011 | 2026-11-20T08:00:00Z | 31019   | 2026-11-20T08:10:00Z | passes                                                   |
      | 32001 after the last heartbeat                      | 32001 | 2026-11-20T08:10:00Z | 31019   | 2026-11-20T08:00:00Z | fails with "password-reset-service-unreachable-32001"    |
      | 32011 after the last onboarding                     | 32011 | 2026-11-20T08:10:00Z | 31005   | 2026-11-20T08:00:00Z | fails with "onboarding-service-error-32011"              |

  Scenario: 32001, then onboarding and heartbeats: recovered, and the last step is offered
    Given the Application log shows 32001 at 09:00, then 31005 and 31019
    And the users still cannot reset their passwords
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" passes
    And "toggle-writeback" fails with "still-not-working"

  # Issue 24 point 5: a port test that passes for only some relay names is no passing test: the
  # firewall stays the first suspect of 32002, not the proxy, TLS inspection and the clock.
  Scenario: 32002 while only some relay names answer: the firewall is still the first suspect
    Given the Application log holds only PasswordResetService event 32002
    And only some of the Service Bus relay names answer, the others are blocked
    When the tenant is diagnosed
    Then "event-servicebus-unreachable" fails with "servicebus-error-32002"
    And "firewall-servicebus-endpoint" fails with "servicebus-partly-blocked"
