@setup @microsoft-docs
Feature: Azure AD Connect runs on a member server, not on a domain controller
  Microsoft's "Troubleshoot error SSPR_0029", cause 2: "Password writeback has a dependency on
  the legacy API NetUserGetInfo. ... we recommend that you deploy Microsoft Entra Connect
  server on a member server instead of a domain controller. Or, configure your Active
  Directory connector to Only use preferred domain controllers".

  Background:
    Given a healthy hybrid tenant

  Scenario: Connect runs on a member server
    When the tenant is diagnosed
    Then "connect-not-on-domain-controller" passes

  Scenario: Connect was installed on the only domain controller of a small office
    Given Azure AD Connect is installed on a domain controller
    And the AD connector's 'Only use preferred domain controllers' is off
    When the tenant is diagnosed
    Then "connect-not-on-domain-controller" fails with "connect-on-domain-controller"

  Scenario: Connect on a domain controller and ADSync logged 6329 access denied
    Given Azure AD Connect is installed on a domain controller
    And the Application log holds only ADSync event 6329 saying access-denied
    When the tenant is diagnosed
    Then "connect-not-on-domain-controller" fails with "connect-on-dc-access-denied"

  Scenario: Connect on a domain controller, pinned to preferred domain controllers
    Given Azure AD Connect is installed on a domain controller
    When the tenant is diagnosed
    Then "connect-not-on-domain-controller" fails with "connect-on-dc-pinned"

  Scenario: Nobody knows whether the Connect server is a domain controller
    Given nobody knows whether the Connect server is a domain controller
    When the tenant is diagnosed
    Then "connect-not-on-domain-controller" is undecided for want of whether Azure AD Connect runs on a domain controller
