@connectivity @microsoft-docs
Feature: The Application log shows no key, configuration or unknown error
  32004/32010 keys, 32005/32007/32008 configuration, 32000 unknown: disable and re-enable writeback.

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-writeback-service-errors" passes

  Scenario Outline: <situation>
    Given the Application log holds only PasswordResetService event <id>
    When the tenant is diagnosed
    Then "event-writeback-service-errors" fails with "<finding>"

    Examples:
      | situation                                             | id    | finding                         |
      | 32004: passwords from the cloud cannot be decrypted   | 32004 | key-error-32004-32010           |
      | 32010: the key pair could not be created              | 32010 | key-error-32004-32010           |
      | 32005: the writeback configuration could not be saved | 32005 | configuration-error-32005-32007 |
      | 32008: an invalid response from the web service       | 32008 | configuration-error-32005-32007 |
      | 32000: an unknown error with a tracking ID            | 32000 | unknown-error-32000             |

  # Correction (expert review): 32003 InputValidationError is in Microsoft's table: "retry".
  Scenario: 32003 after a user's reset attempt
    Given a healthy hybrid tenant
    And the Application log holds only PasswordResetService event 32003
    When the tenant is diagnosed
    Then the diagnoses are, in order:
      | id                             | finding                      | severity |
      | event-writeback-service-errors | input-validation-error-32003 | note     |
