@setup @microsoft-docs
Feature: The AD DS connector account holds every permission password writeback needs
  Current docs (tutorial-enable-sspr-writeback): the MSOL_ account needs Reset password, Change
  password, Write lockoutTime, Write pwdLastSet and the Unexpire Password extended right.

  Background:
    Given a healthy hybrid tenant

  Scenario: The connector account was delegated everything the tutorial lists
    When the tenant is diagnosed
    Then "connector-account-permissions" passes

  Scenario Outline: <situation>
    Given the MSOL_ account lacks <permission>
    When the tenant is diagnosed
    Then "connector-account-permissions" fails with "<finding>"

    Examples:
      | situation                                             | permission        | finding                            |
      | Someone removed Reset password from the MSOL_ account | Reset password    | connector-cannot-reset-password    |
      | Locked-out users stay locked after a reset            | Write lockoutTime | connector-cannot-write-lockouttime |
      | pwdLastSet was never delegated                        | Write pwdLastSet  | connector-cannot-write-pwdlastset  |
      | Unexpire Password is missing on the domain root       | Unexpire Password | connector-lacks-unexpire-password  |

  # Correction (expert review): Set-ADSyncPasswordWritebackPermissions does not grant Change
  # password, and resets do not need it: a warning whose remedy adds the right by hand
  # (the old rule: an error whose remedy reran the cmdlet).
  Scenario: Users can reset but not change their password
    Given the MSOL_ account lacks Change password
    When the tenant is diagnosed
    Then the diagnoses are, in order:
      | id                            | finding                          | severity |
      | connector-account-permissions | connector-cannot-change-password | warning  |

  Scenario: Nobody has looked at Effective Access yet
    Given nobody has looked at the MSOL_ account's Effective Access
    When the tenant is diagnosed
    Then "connector-account-permissions" is undecided for want of whether the MSOL_ account may reset passwords

  # Correction (expert review): the remedy no longer credits Set-ADSyncPasswordWritebackPermissions
  # with Change password (how-to-connect-configure-ad-ds-connector-account).
  Scenario: The remedy for a missing Change password right adds it by hand
    Given a healthy hybrid tenant
    And the MSOL_ account lacks Change password
    When the tenant is diagnosed
    Then the remedy of "connector-account-permissions" says "does not grant this right"
    And the remedy of "connector-account-permissions" does not say "rerun Set-ADSyncPasswordWritebackPermissions"
