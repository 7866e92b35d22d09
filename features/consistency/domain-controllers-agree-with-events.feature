@consistency @microsoft-docs
Feature: What is said about the domain controllers' Windows Server agrees with the events they left
  Microsoft's troubleshooting page: ADSync 6329 "The server doesn't contain the LDAP password policy
  control" means the control is missing on the DC, which needs Windows Server 2016 or later. An
  inventory of 2019 DCs beside that event has missed a DC (expert re-review 2026-12-07, C1).

  Background:
    Given a healthy hybrid tenant

  Scenario: The DCs run 2019 and no DC refused the password policy control
    When the tenant is diagnosed
    Then "domain-controllers-agree-with-events" passes

  Scenario: The inventory says 2019, and 6329 says a DC lacks the LDAP password policy control
    Given the Application log holds only ADSync event 6329 saying ldap-policy-control-missing
    When the tenant is diagnosed
    Then "domain-controllers-agree-with-events" fails with error "dcs-2016-yet-policy-control-missing"
    And "domain-controllers-2016" fails with error "domain-controller-before-2016-refused-control"
    And "event-password-policy" fails with "ldap-policy-control-missing-6329"

  Scenario: An old DC in the inventory and the 6329 event agree
    Given the oldest domain controller runs windows-server-2012-r2
    And the Application log holds only ADSync event 6329 saying ldap-policy-control-missing
    When the tenant is diagnosed
    Then "domain-controllers-agree-with-events" passes
