@setup @microsoft-docs
Feature: The Application log shows no disabled or locked-out account
  33005 disabled, 33006 locked out, 33007 wrong current password (a note only).

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-account-state" passes

  Scenario Outline: <situation>
    Given the Application log holds only PasswordResetService event <id>
    When the tenant is diagnosed
    Then "event-account-state" fails with "<finding>"

    Examples:
      | situation                              | id    | finding                          |
      | The account is disabled on premises    | 33005 | account-disabled-33005           |
      | The account is locked out on premises  | 33006 | account-locked-33006             |
      | The user mistyped the current password | 33007 | incorrect-current-password-33007 |
