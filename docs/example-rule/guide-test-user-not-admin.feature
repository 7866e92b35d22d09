@setup @microsoft-docs
Feature: The test user is an ordinary user, not an administrator
  Current Microsoft documentation: administrators reset their passwords under a
  two-gate policy of Microsoft's own, whatever the tenant's SSPR settings say, so
  the writeback test must use an ordinary user. (The example of docs/authoring-rules.md.)

  Background:
    Given a healthy hybrid tenant

  Scenario: The test user is an ordinary synchronised user
    When the tenant is diagnosed
    Then "guide-test-user-not-admin" passes

  Scenario: The administrator tests the reset with his own admin account
    Given the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | true         | true          |
    When the tenant is diagnosed
    Then "guide-test-user-not-admin" fails with "test-user-is-admin"

  Scenario: Nobody said whether the test user holds a role
    Given the users are:
      | name                  | source | license | is_test_user | in_sspr_scope |
      | test.user@contoso.com | synced | premium | true         | true          |
    When the tenant is diagnosed
    Then "guide-test-user-not-admin" is unknown for want of "users[].is_admin"
