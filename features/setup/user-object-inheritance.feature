@setup @microsoft-docs
Feature: Permission inheritance is enabled on the user objects in scope
  Current docs: if passwords of some users are not written back, check that inheritance is not disabled.

  Background:
    Given a healthy hybrid tenant

  Scenario: Every user object inherits the domain-root permissions
    When the tenant is diagnosed
    Then "user-object-inheritance" passes

  Scenario: Writeback fails only for the users whose inheritance was switched off
    Given permission inheritance is disabled on some user objects
    When the tenant is diagnosed
    Then "user-object-inheritance" fails with "inheritance-disabled-on-users"

  # Correction (expert review): Microsoft's own cmdlets find and fix such objects.
  Scenario: The remedy names Microsoft's cmdlets for objects without inheritance
    Given a healthy hybrid tenant
    And permission inheritance is disabled on some user objects
    When the tenant is diagnosed
    Then the remedy of "user-object-inheritance" says "Get-ADSyncObjectsWithInheritanceDisabled"
