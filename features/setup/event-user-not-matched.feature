@setup @microsoft-docs
Feature: The Application log shows each user found exactly once on premises
  33002 not found, 33003 several matches, hr=80230402 duplicated anchors.

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-user-not-matched" passes

  Scenario: Duplicated entries with the same anchor (hr=80230402)
    Given the Application log holds only ADSync event 6329 with code 0x80230402
    When the tenant is diagnosed
    Then "event-user-not-matched" fails with "duplicated-anchor-80230402"

  Scenario: 'Multiple matches found' in a sync engine message
    Given the Application log holds only ADSync event 6329 saying multiple-matches
    When the tenant is diagnosed
    Then "event-user-not-matched" fails with "multiple-matches-33003"

  Scenario Outline: <situation>
    Given the Application log holds only PasswordResetService event <id>
    When the tenant is diagnosed
    Then "event-user-not-matched" fails with "<finding>"

    Examples:
      | situation                                                  | id    | finding                |
      | The user is enabled in the account and the resource forest | 33003 | multiple-matches-33003 |
      | The user was deleted on premises                           | 33002 | user-not-found-33002   |

  # Correction (expert review): the real 6329 text says "the object cannot be found" with 0x80230405.
  Scenario: ADSync 6329 0x80230405, no password writeback targets found
    Given a healthy hybrid tenant
    And the Application log holds only ADSync event 6329 with code 0x80230405
    When the tenant is diagnosed
    Then "event-user-not-matched" fails with "user-not-found-33002"
