@setup @microsoft-docs
Feature: The Application log shows no unknown or configuration error from AD
  33001 unknown AD error (for example reserved characters in OU names), 33009 AD configuration error.

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-ad-unknown-error" passes

  Scenario Outline: <situation>
    Given the Application log holds only PasswordResetService event <id>
    When the tenant is diagnosed
    Then "event-ad-unknown-error" fails with "<finding>"

    Examples:
      | situation                                     | id    | finding                      |
      | A user sits in an OU whose name starts with # | 33001 | ad-unknown-error-33001       |
      | 33009 configuration error                     | 33009 | ad-configuration-error-33009 |

  # Correction (expert review): the backslash is a reserved character too.
  Scenario: The reserved characters of OU names include the backslash
    Given a healthy hybrid tenant
    And the Application log holds only PasswordResetService event 33001
    When the tenant is diagnosed
    Then the diagnosis of "event-ad-unknown-error" says "\ <"
