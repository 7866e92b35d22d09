@connectivity @microsoft-docs
Feature: The Application log shows the writeback service running
  6800 (WCF endpoint did not start), 31044 (a relay host is down), 31016 (service stopped).

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-service-not-running" passes

  Scenario Outline: <situation>
    Given the Application log holds only <source> event <id>
    When the tenant is diagnosed
    Then "event-service-not-running" fails with "<finding>"

    Examples:
      | situation                                        | source               | id    | finding                         |
      | 6800 after the ADSync service restarted          | ADSync               | 6800  | wcf-endpoint-failed-6800        |
      | 31044: one of the two relay hosts is not running | PasswordResetService | 31044 | relay-host-not-running-31044    |
      | 31016: the writeback service stopped             | PasswordResetService | 31016 | writeback-service-stopped-31016 |

  Scenario: A normal restart, 31016 then 31015 then 31019, is no stopped service
    Given the Application log shows a normal restart of the writeback service, 31016 then 31015 then 31019
    When the tenant is diagnosed
    Then "event-service-not-running" passes

  Scenario: The service stopped after it last started
    Given the Application log holds PasswordResetService event 31015 logged at 2026-11-20T08:00:00Z and event 31016 logged at 2026-11-20T09:30:00Z
    When the tenant is diagnosed
    Then "event-service-not-running" fails with "writeback-service-stopped-31016"

  Scenario: Without event times, a stop and a start are in no known order
    Given the Application log holds PasswordResetService event 31016 and event 31015 with no time logged
    When the tenant is diagnosed
    Then "event-service-not-running" is undecided for want of the times the events were logged
