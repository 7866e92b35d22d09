@setup @article
Feature: Self-service password reset is enabled for the users who test it
  The article: "У вашому клієнта налаштовано та ввімкнуто скидання пароля." —
  password reset is configured and enabled in your tenant: for all users, or for a
  selected group that contains the test user.

  Background:
    Given a healthy hybrid tenant

  Scenario: Password reset is enabled for all users
    Given self-service password reset is enabled for all users
    When the tenant is diagnosed
    Then "sspr-enabled" passes

  Scenario: Password reset was never switched on in the tenant
    Given self-service password reset is switched off for everyone
    When the tenant is diagnosed
    Then "sspr-enabled" fails with "sspr-disabled"

  Scenario: The test user is outside the SSPR pilot group
    Given self-service password reset is enabled for a selected group only
    And the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          |
      | test.user@contoso.com         | synced     | premium | false    | true         | false         |
    When the tenant is diagnosed
    Then "sspr-enabled" fails with "test-user-outside-sspr-scope"

  Scenario: The test user is in the SSPR pilot group
    Given self-service password reset is enabled for a selected group only
    And the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          |
      | test.user@contoso.com         | synced     | premium | false    | true         | true          |
      | olena.kovalenko@contoso.com   | synced     | premium | false    | false        | false         |
    When the tenant is diagnosed
    Then "sspr-enabled" passes

  Scenario: Nobody has checked the password reset properties
    Given nobody has checked the password reset properties
    When the tenant is diagnosed
    Then "sspr-enabled" is undecided for want of who may use self-service password reset
