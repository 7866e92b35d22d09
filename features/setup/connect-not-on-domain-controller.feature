@setup @microsoft-docs
Feature: Azure AD Connect runs on a member server, not on a domain controller
  Microsoft's "Troubleshoot error SSPR_0029", cause 2: "Password writeback has a dependency on
  the legacy API NetUserGetInfo. ... we recommend that you deploy Microsoft Entra Connect
  server on a member server instead of a domain controller. Or, configure your Active
  Directory connector to Only use preferred domain controllers".

  Scenario: Connect runs on a member server
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "connect-not-on-domain-controller" passes

  Scenario: Connect was installed on the only domain controller of a small office
    Given a healthy hybrid tenant
    But "server.is_domain_controller" is true
    And "connect.preferred_dcs_only" is false
    When the tenant is diagnosed
    Then "connect-not-on-domain-controller" fails with "connect-on-domain-controller"

  Scenario: Connect on a domain controller and ADSync logged 6329 access denied
    Given a healthy hybrid tenant
    But "server.is_domain_controller" is true
    And "event_log.events" is [{"id": 6329, "source": "ADSync", "code": "none", "detail": "access-denied"}]
    When the tenant is diagnosed
    Then "connect-not-on-domain-controller" fails with "connect-on-dc-access-denied"

  Scenario: Connect on a domain controller, pinned to preferred domain controllers
    Given a healthy hybrid tenant
    But "server.is_domain_controller" is true
    When the tenant is diagnosed
    Then "connect-not-on-domain-controller" fails with "connect-on-dc-pinned"

  Scenario: Nobody knows whether the Connect server is a domain controller
    Given a healthy hybrid tenant
    But "server.is_domain_controller" is unknown
    When the tenant is diagnosed
    Then "connect-not-on-domain-controller" is unknown for want of "server.is_domain_controller"
