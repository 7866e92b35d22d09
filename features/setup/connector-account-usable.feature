@setup @microsoft-docs
Feature: The AD DS connector account can sign in to Active Directory
  Expert review (missing cause 4): a locked-out, disabled or expired MSOL_ account is refused by
  every domain controller, so Connect neither syncs nor writes passwords back.

  Background:
    Given a healthy hybrid tenant

  Scenario: The MSOL_ account is enabled, unlocked and its password is valid
    When the tenant is diagnosed
    Then "connector-account-usable" passes

  Scenario Outline: <situation>
    Given <state>
    When the tenant is diagnosed
    Then "connector-account-usable" fails with "<finding>"

    Examples:
      | situation                                           | state                                   | finding                            |
      | A stale password on a staging server locks it out   | the MSOL_ account is locked out in Active Directory | connector-account-locked-out       |
      | A service-account clean-up disabled it              | someone disabled the MSOL_ account      | connector-account-disabled         |
      | Its password expired under the default domain policy | the MSOL_ account's password has expired | connector-account-password-expired |

  Scenario: Nobody has looked at the account yet
    Given nobody has looked at the MSOL_ account's state in Active Directory
    When the tenant is diagnosed
    Then "connector-account-usable" is undecided for want of whether the MSOL_ account is locked out, enabled, or its password expired
