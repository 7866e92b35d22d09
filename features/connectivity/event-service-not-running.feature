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
