@consistency @microsoft-docs
Feature: What is said about the writeback administrator's role agrees with how the role is assigned
  Configuring writeback in the Connect wizard needs a Hybrid Identity Administrator (or Global
  Administrator). "Holds no administrator role" and "holds it by a direct assignment" cannot both
  be true (expert re-review 2026-12-07, C3).

  Background:
    Given a healthy hybrid tenant

  Scenario: The account holds Hybrid Identity Administrator directly
    When the tenant is diagnosed
    Then "admin-role-agrees-with-assignment" passes

  Scenario: The account is said to hold no admin role, and also to hold it directly
    Given the account that enabled writeback holds no admin role
    And the administrator holds the role by a direct assignment
    When the tenant is diagnosed
    Then "admin-role-agrees-with-assignment" fails with error "no-admin-role-yet-an-assignment"
    And "cloud-admin-enables-writeback" is undecided for want of whether the account that enabled writeback holds an admin role
    And "writeback-admin-role-assigned-directly" is undecided for want of how the administrator holds the role

  Scenario: No admin role, and nobody has said how it would be held: no disagreement
    Given the account that enabled writeback holds no admin role
    And nobody has checked how the administrator holds the role
    When the tenant is diagnosed
    Then "admin-role-agrees-with-assignment" does not apply
    And "cloud-admin-enables-writeback" fails with "writeback-admin-without-role"
