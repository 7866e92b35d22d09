@setup @article
Feature: Cloud-only users hold a license that allows password reset
  The article: "Лише користувачі в хмарі: Office 365 (O365) або Azure AD Basic" —
  cloud-only users need Office 365 (any paid plan) or Azure AD Basic, or a better
  license, before they can reset their password at all.

  Background:
    Given a healthy hybrid tenant

  Scenario: Every cloud-only user has a license
    When the tenant is diagnosed
    Then "license-cloud-only-users" passes

  Scenario: The receptionist's cloud account has no license
    Given the users are:
      | name                              | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com     | cloud_only | premium | true     | false        | true          |
      | test.user@contoso.com             | synced     | premium | false    | true         | true          |
      | reception@contoso.onmicrosoft.com | cloud_only | none    | false    | false        | true          |
    When the tenant is diagnosed
    Then "license-cloud-only-users" fails with "cloud-only-user-unlicensed"

  Scenario: An unlicensed user synchronised from AD is not this rule's concern
    Given the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | basic   | true     | false        | true          |
      | old.account@contoso.com       | synced     | none    | false    | false        | true          |
    When the tenant is diagnosed
    Then "license-cloud-only-users" passes

  Scenario: Nobody has looked up the license of a cloud-only user
    Given the users are:
      | name                              | source     | license | is_admin | is_test_user | in_sspr_scope |
      | admin@contoso.onmicrosoft.com     | cloud_only | premium | true     | false        | true          |
      | reception@contoso.onmicrosoft.com | cloud_only |         | false    | false        | true          |
    When the tenant is diagnosed
    Then "license-cloud-only-users" is undecided for want of each user's license

  Scenario: The list of users was not collected
    Given nobody has collected the list of users
    When the tenant is diagnosed
    Then "license-cloud-only-users" is undecided for want of the list of users
