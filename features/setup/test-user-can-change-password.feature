@setup @microsoft-docs
Feature: The test user may change their own password on premises
  Expert review (missing cause 7): "User cannot change password" refuses a change (not a reset)
  written back to AD.

  Background:
    Given a healthy hybrid tenant

  Scenario: The flag is not set on the test user
    When the tenant is diagnosed
    Then "test-user-can-change-password" passes

  Scenario: A shared account copied as the test user keeps "User cannot change password"
    Given the users are:
      | name                  | source | license | is_admin | is_test_user | in_sspr_scope | cannot_change_password |
      | test.user@contoso.com | synced | premium | false    | true         | true          | true                   |
    When the tenant is diagnosed
    Then "test-user-can-change-password" fails with "test-user-cannot-change-password"
