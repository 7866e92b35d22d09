@setup @article
Feature: A licensed administrator and a licensed test user are at hand
  The article: "У вас є принаймні один обліковий запис адміністратора та один тестовий
  обліковий запис користувача з однією з відповідних ліцензій." — you have at least
  one administrator account and one test user account, each with one of the
  appropriate licenses. Writeback being a premium feature, that means Entra ID P1 or P2.

  Background:
    Given a healthy hybrid tenant

  Scenario: A premium administrator and a premium test user are there
    When the tenant is diagnosed
    Then "admin-and-test-user" passes

  Scenario: The customer sent only ordinary users, no administrator
    Given the users are:
      | name                        | source | license | is_admin | is_test_user | in_sspr_scope |
      | test.user@contoso.com       | synced | premium | false    | true         | true          |
      | olena.kovalenko@contoso.com | synced | premium | false    | false        | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" is undecided for want of whether the users list names every account

  Scenario: The users list names only the test user: no administrator is invented
    A list of users is what was exported or told, not the directory: SSPR scoped to a
    group and P1 licences prove an administrator exists somewhere.
    Given the users are:
      | name                  | source | license | is_admin | is_test_user | in_sspr_scope |
      | test.user@contoso.com | synced | premium | false    | true         | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" is undecided for want of whether the users list names every account

  Scenario: The whole directory was exported and nobody in it is an administrator
    Given the users are:
      | name                        | source | license | is_admin | is_test_user | in_sspr_scope |
      | test.user@contoso.com       | synced | premium | false    | true         | true          |
      | olena.kovalenko@contoso.com | synced | premium | false    | false        | true          |
    And the users list names every account of the tenant
    When the tenant is diagnosed
    Then "admin-and-test-user" fails with "no-admin-account"

  Scenario: Nobody has been set aside as a test user
    Given the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          |
      | olena.kovalenko@contoso.com   | synced     | premium | false    | false        | true          |
    And the users list names every account of the tenant
    When the tenant is diagnosed
    Then the diagnoses are, in order:
      | id                  | finding      | severity |
      | admin-and-test-user | no-test-user | warning  |

  Scenario: A partial list without a test user proves nothing about test users
    Given the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" is undecided for want of whether the users list names every account

  Scenario Outline: <situation>
    Given the users are:
      | name                          | source     | license         | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | <admin license> | true     | false        | true          |
      | test.user@contoso.com         | synced     | <test license>  | false    | true         | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" fails with "<finding>"

    Examples:
      | situation                                                           | admin license | test license | finding                   |
      | The administrator who runs the Connect wizard has no license at all | none          | premium      | admin-unlicensed          |
      | The test user was created without a license                         | premium       | none         | test-user-without-premium |

  # Correction (expert review): a cloud-only administrator needs no P1/P2; the article
  # accepts Office 365 / Azure AD Basic for cloud-only users, as license-cloud-only-users
  # does for the same user. The old rule demanded P1/P2 here.
  Scenario: The cloud-only administrator has only an Office 365 license
    Given the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | basic   | true     | false        | true          |
      | test.user@contoso.com         | synced     | premium | false    | true         | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" passes
    And "license-cloud-only-users" passes

  Scenario: The synchronised administrator has only an Office 365 license
    Given the users are:
      | name                  | source | license | is_admin | is_test_user | in_sspr_scope |
      | it.admin@contoso.com  | synced | basic   | true     | false        | true          |
      | test.user@contoso.com | synced | premium | false    | true         | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" fails with "admin-without-premium"

  Scenario: The test user's license was not checked
    Given the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          |
      | test.user@contoso.com         | synced     |         | false    | true         | true          |
    When the tenant is diagnosed
    Then "admin-and-test-user" is undecided for want of each user's license
