@setup @microsoft-docs
Feature: Every user holds a product today's SSPR licensing table lists for what the user needs
  Current docs: writeback needs Entra ID P1/P2 or Microsoft 365 Business Premium; Business Standard
  covers only cloud-only reset; Entra ID Free allows a cloud-only password change, not a reset.

  Background:
    Given a healthy hybrid tenant

  Scenario: Synced users on Business Premium, cloud-only staff on Business Standard
    When the tenant is diagnosed
    Then "license-current-products" passes

  Scenario: A synced user on Microsoft 365 Business Standard expects writeback
    Given the users are:
      | name            | source | license_product                 |
      | ann@contoso.com | synced | microsoft-365-business-standard |
    When the tenant is diagnosed
    Then "license-current-products" fails with "synced-user-product-without-writeback"

  Scenario: A cloud-only kiosk user on Business Basic forgets the password
    Given the users are:
      | name                          | source     | license_product              |
      | kiosk@contoso.onmicrosoft.com | cloud_only | microsoft-365-business-basic |
    When the tenant is diagnosed
    Then "license-current-products" fails with "cloud-only-user-product-without-reset"
