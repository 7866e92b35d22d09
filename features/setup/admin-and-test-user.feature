Feature: A licensed administrator and a licensed test user are at hand
  The article: "У вас є принаймні один обліковий запис адміністратора та один тестовий
  обліковий запис користувача з однією з відповідних ліцензій." — you have at least
  one administrator account and one test user account, each with one of the
  appropriate licenses. Writeback being a premium feature, that means Entra ID P1 or P2.

  Scenario: A premium administrator and a premium test user are there
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "admin-and-test-user" passes

  Scenario: The customer sent only ordinary users, no administrator
    Given a healthy hybrid tenant
    And the users are:
      | name                        | source | license | is_admin | is_test_user | in_sspr_scope |
      | test.user@contoso.com       | synced | premium | false    | true         | true          |
      | olena.kovalenko@contoso.com | synced | premium | false    | false        | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" fails with "no-admin-account"

  Scenario: Nobody has been set aside as a test user
    Given a healthy hybrid tenant
    And the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          |
      | olena.kovalenko@contoso.com   | synced     | premium | false    | false        | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" fails with "no-test-user"

  Scenario: The administrator has only an Office 365 license
    Given a healthy hybrid tenant
    And the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | basic   | true     | false        | true          |
      | test.user@contoso.com         | synced     | premium | false    | true         | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" fails with "admin-without-premium"

  Scenario: The test user was created without a license
    Given a healthy hybrid tenant
    And the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          |
      | test.user@contoso.com         | synced     | none    | false    | true         | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" fails with "test-user-without-premium"

  Scenario: The test user's license was not checked
    Given a healthy hybrid tenant
    And the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          |
      | test.user@contoso.com         | synced     |         | false    | true         | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" is unknown for want of "users[].license"
