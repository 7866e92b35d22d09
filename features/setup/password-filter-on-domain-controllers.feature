@setup @microsoft-docs
Feature: No password filter on the domain controllers refuses the written-back passwords
  Microsoft's "Troubleshoot password resets that are blocked by on-premises policy": "Is the
  entered password compliant with the local Active Directory password policy, but the issue
  persists? If so, check whether you're using Microsoft Entra Password Protection in your
  on-premises AD DS environment, or if you have any third-party password filter software
  installed on your domain controllers."

  Background:
    Given a healthy hybrid tenant

  Scenario: No password filter runs on the domain controllers
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" passes

  Scenario: Entra Password Protection only audits
    Given Entra Password Protection runs in audit mode on the domain controllers
    And the Application log holds only PasswordResetService event 33008
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" passes

  Scenario: Entra Password Protection is enforced and a reset was refused by policy
    Given Entra Password Protection runs in enforced mode on the domain controllers
    And the Application log holds only PasswordResetService event 33008
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" fails with "password-protection-refuses"

  Scenario: A third-party filter is installed and ADSync logged 0x80230619
    Given a third-party password filter is installed on the domain controllers
    And the Application log holds only ADSync event 6329 with code 0x80230619
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" fails with "third-party-filter-refuses"

  Scenario: Entra Password Protection is enforced but nothing has been refused yet
    Given Entra Password Protection runs in enforced mode on the domain controllers
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" fails with "password-filter-present"

  Scenario: Nobody knows which password filters the domain controllers run
    Given nobody knows which password filters the domain controllers run
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" is undecided for want of which password filters the domain controllers run
