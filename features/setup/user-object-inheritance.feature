Feature: Permission inheritance is enabled on the user objects in scope
  Current docs: if passwords of some users are not written back, check that inheritance is not disabled.

  Scenario: Every user object inherits the domain-root permissions
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "user-object-inheritance" passes

  Scenario: Writeback fails only for the users whose inheritance was switched off
    Given a healthy hybrid tenant
    But "connector_account.inheritance_disabled_on_users" is true
    When the tenant is diagnosed
    Then "user-object-inheritance" fails with "inheritance-disabled-on-users"
