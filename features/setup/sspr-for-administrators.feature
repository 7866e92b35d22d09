@setup @microsoft-docs
Feature: Synced administrators may use self-service password reset
  Current docs (SSPR_009): SSPR for administrators (authorizationPolicy allowedToUseSSPR) is separate
  from the portal's SSPR setting for users.

  Background:
    Given a healthy hybrid tenant

  Scenario: SSPR for administrators is on
    When the tenant is diagnosed
    Then "sspr-for-administrators" passes

  Scenario: A synced Helpdesk Administrator gets SSPR_009
    Given self-service password reset for administrators is off
    And the users are:
      | name                 | source | is_admin |
      | it.admin@contoso.com | synced | true     |
    When the tenant is diagnosed
    Then "sspr-for-administrators" fails with "sspr-disabled-for-admins"

  Scenario: SSPR for administrators is off but every admin is cloud-only
    Given self-service password reset for administrators is off
    And the users are:
      | name                          | source     | is_admin |
      | admin@contoso.onmicrosoft.com | cloud_only | true     |
    When the tenant is diagnosed
    Then "sspr-for-administrators" passes

  # Correction (expert review): updating the authorization policy needs Policy.ReadWrite.Authorization.
  Scenario: The remedy names the Graph permission it needs
    Given a healthy hybrid tenant
    And self-service password reset for administrators is off
    And the users are:
      | name                 | source | license | is_admin | is_test_user | in_sspr_scope |
      | it.admin@contoso.com | synced | premium | true     | false        | true          |
      | test.user@contoso.com | synced | premium | false   | true         | true          |
    When the tenant is diagnosed
    Then the remedy of "sspr-for-administrators" says "Policy.ReadWrite.Authorization"
