@consistency @microsoft-docs
Feature: Each user's license level agrees with the product that licenses the user
  Microsoft's SSPR licensing page: "The on-premises writeback feature requires Microsoft Entra ID
  P1, Premium P2, or Microsoft 365 Business Premium." A user said to hold a premium license whose
  product is Business Standard cannot be both (expert re-review 2026-12-07, C2).

  Background:
    Given a healthy hybrid tenant

  Scenario: Every user's license agrees with the product
    When the tenant is diagnosed
    Then "license-agrees-with-product" passes

  Scenario: The test user is "premium" but licensed with Microsoft 365 Business Standard
    Given the users are:
      | name                          | source     | license | license_product                 | is_admin | is_test_user | in_sspr_scope | in_password_hash_sync_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | entra-id-p1-or-p2               | true     | false        | true          | false                       |
      | test.user@contoso.com         | synced     | premium | microsoft-365-business-standard | false    | true         | true          | true                        |
    When the tenant is diagnosed
    Then "license-agrees-with-product" fails with error "premium-license-with-product-without-writeback"
    And "license-premium-for-writeback" is undecided for want of each user's license
    And "license-current-products" is undecided for want of each user's licensing product

  Scenario: The test user has Business Premium but is said to hold only a basic license
    Given the users are:
      | name                          | source     | license | license_product                | is_admin | is_test_user | in_sspr_scope | in_password_hash_sync_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | entra-id-p1-or-p2              | true     | false        | true          | false                       |
      | test.user@contoso.com         | synced     | basic   | microsoft-365-business-premium | false    | true         | true          | true                        |
    When the tenant is diagnosed
    Then "license-agrees-with-product" fails with "writeback-product-without-premium-license"
