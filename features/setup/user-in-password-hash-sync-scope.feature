@setup @microsoft-docs
Feature: Every synchronised user in scope is in scope for password hash synchronization
  Microsoft's "Selective password hash synchronization configuration": "Password changes or
  password resets that are initiated in Microsoft Entra ID write back to on-premises Active
  Directory only if the user is in scope for password hash synchronization."

  Background:
    Given a healthy hybrid tenant

  Scenario: Password hash sync covers every synchronised user
    When the tenant is diagnosed
    Then "user-in-password-hash-sync-scope" passes

  Scenario: The test user carries adminDescription PHSFiltered
    Given the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope | in_password_hash_sync_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          | false                       |
      | test.user@contoso.com         | synced     | premium | false    | true         | true          | false                       |
    When the tenant is diagnosed
    Then "user-in-password-hash-sync-scope" fails with "synced-user-outside-phs-scope"

  Scenario: Only a cloud-only account is outside password hash sync
    Given the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope | in_password_hash_sync_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          | false                       |
      | test.user@contoso.com         | synced     | premium | false    | true         | true          | true                        |
    When the tenant is diagnosed
    Then "user-in-password-hash-sync-scope" passes

  Scenario: Nobody checked the synchronised user's adminDescription
    Given the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope | in_password_hash_sync_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          | false                       |
      | test.user@contoso.com         | synced     | premium | false    | true         | true          |                             |
    When the tenant is diagnosed
    Then "user-in-password-hash-sync-scope" is undecided for want of whether each user is in password hash sync scope
