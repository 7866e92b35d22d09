@setup @microsoft-docs
Feature: Azure AD Connect upgrades itself automatically
  Current Microsoft documentation (Microsoft Entra Connect: Automatic upgrade): a server that
  upgrades itself receives the fixes of new releases. (The second example of docs/authoring-rules.md.)

  Background:
    Given a healthy hybrid tenant

  Scenario: Automatic upgrade is on, as after an express installation
    When the tenant is diagnosed
    Then "guide-connect-auto-upgrade" passes

  Scenario: Someone suspended automatic upgrade on the Connect server
    Given "connect.auto_upgrade" is "suspended"
    When the tenant is diagnosed
    Then "guide-connect-auto-upgrade" fails with "auto-upgrade-off"

  Scenario: Nobody has looked at the automatic upgrade state yet
    Given "connect.auto_upgrade" is unknown
    When the tenant is diagnosed
    Then "guide-connect-auto-upgrade" is unknown for want of "connect.auto_upgrade"
