@setup @microsoft-docs
Feature: The administrator who enables writeback in the Connect wizard holds the role directly and actively
  Microsoft's "Prerequisites for Microsoft Entra Connect": "For the installation and
  configuration of Microsoft Entra Connect, the global administrator or hybrid identity
  administrator role must be assigned directly to the user. These roles can't be granted
  through group membership"; and the wizard error "Privileged Identity Management enabled".

  Background:
    Given a healthy hybrid tenant

  Scenario: The administrator holds Hybrid Identity Administrator directly
    When the tenant is diagnosed
    Then "writeback-admin-role-assigned-directly" passes

  Scenario: The role comes only from a role-assignable group
    Given the administrator holds the role only through a role-assignable group
    When the tenant is diagnosed
    Then "writeback-admin-role-assigned-directly" fails with "admin-role-through-group"

  Scenario: The administrator is only eligible in PIM and did not activate the role
    Given the administrator is only eligible for the role in PIM
    When the tenant is diagnosed
    Then "writeback-admin-role-assigned-directly" fails with "admin-role-only-eligible"

  Scenario: Azure AD Connect is not installed at all
    Given Azure AD Connect is not installed
    And the administrator holds the role only through a role-assignable group
    When the tenant is diagnosed
    Then "writeback-admin-role-assigned-directly" does not apply

  Scenario: Nobody checked how the administrator holds the role
    Given nobody has checked how the administrator holds the role
    When the tenant is diagnosed
    Then "writeback-admin-role-assigned-directly" is undecided for want of how the administrator holds the role
