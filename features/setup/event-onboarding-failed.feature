@setup @microsoft-docs
Feature: The Application log shows no failed onboarding or offboarding
  Events 32009, 31014 and 32013 of PasswordResetService name a failed (off)boarding and its cause.

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-onboarding-failed" passes

  Scenario Outline: <situation>
    Given the Application log holds only PasswordResetService event <id>
    When the tenant is diagnosed
    Then "event-onboarding-failed" fails with "<finding>"

    Examples:
      | situation                                                 | id    | finding                      |
      | Setup ends with 'Error getting auth token'                | 32009 | auth-token-error-32009       |
      | Disabling writeback failed with a federated administrator | 31014 | offboarding-failed-31014     |
      | Offboarding could not reach the cloud                     | 32013 | offboarding-comm-error-32013 |

  Scenario: 32009, then 31005: a second onboarding succeeded
    Given the Application log holds PasswordResetService event 32009 logged at 2026-11-20T08:00:00Z and event 31005 logged at 2026-11-20T08:20:00Z
    When the tenant is diagnosed
    Then "event-onboarding-failed" passes

  Scenario: 32009 after the last successful onboarding
    Given the Application log holds PasswordResetService event 31005 logged at 2026-11-20T08:00:00Z and event 32009 logged at 2026-11-20T08:20:00Z
    When the tenant is diagnosed
    Then "event-onboarding-failed" fails with "auth-token-error-32009"
