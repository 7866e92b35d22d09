@setup @microsoft-docs
Feature: The test user has registered for self-service password reset
  Expert review (missing cause 1): an unregistered user stops at verification, before anything
  reaches on-premises AD; the registration report says who is registered.

  Background:
    Given a healthy hybrid tenant

  Scenario: The test user registered phone and Authenticator methods
    When the tenant is diagnosed
    Then "user-registered-for-sspr" passes

  Scenario: The test user never registered
    Given the users are:
      | name                  | source | license | is_admin | is_test_user | in_sspr_scope | sspr_registered |
      | test.user@contoso.com | synced | premium | false    | true         | true          | false           |
    When the tenant is diagnosed
    Then "user-registered-for-sspr" fails with "test-user-not-registered-for-sspr"
