@setup @microsoft-docs
Feature: The Application log shows no password policy refusal on premises
  ADSync 6329 (0x80230619 or LDAP policy control), PasswordResetService 33008 and 31003/31008/31011.

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-password-policy" passes

  Scenario: 6329 says the server lacks the LDAP password policy control
    Given the Application log holds only ADSync event 6329 saying ldap-policy-control-missing
    When the tenant is diagnosed
    Then "event-password-policy" fails with "ldap-policy-control-missing-6329"

  Scenario: 6329 with 0x80230619 after a second change the same day
    Given the Application log holds only ADSync event 6329 with code 0x80230619
    When the tenant is diagnosed
    Then "event-password-policy" fails with "password-restriction-6329"

  Scenario Outline: <situation>
    Given the Application log holds only PasswordResetService event <id>
    When the tenant is diagnosed
    Then "event-password-policy" fails with "<finding>"

    Examples:
      | situation                                         | id    | finding                        |
      | 33008 after the user picked a too simple password | 33008 | ad-password-policy-error-33008 |
      | A reset failed with 31003 and nothing else        | 31003 | password-set-failed            |
      | An administrator's reset failed with 31011        | 31011 | password-set-failed            |

  # Correction (expert review): Entra Password Protection and third-party filters refuse
  # passwords the domain policy allows.
  Scenario: 33008 and a password filter on the domain controllers
    Given a healthy hybrid tenant
    And the Application log holds only PasswordResetService event 33008
    When the tenant is diagnosed
    Then the remedy of "event-password-policy" says "Password Protection"
