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
    Given selective password hash sync filters users on adminDescription
    And the users are:
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
    Given selective password hash sync filters users on adminDescription
    And the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope | in_password_hash_sync_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          | false                       |
      | test.user@contoso.com         | synced     | premium | false    | true         | true          |                             |
    When the tenant is diagnosed
    Then "user-in-password-hash-sync-scope" is undecided for want of whether each user is in password hash sync scope

  # Expert re-review 2026-12-07 (§8 L8): writeback is supported with pass-through authentication or
  # AD FS and password hash sync off (concept-sspr-writeback); only a selective rule leaves a user out.
  Scenario: A pass-through authentication tenant without password hash sync answers "not in scope"
    Given users sign in with Pass-through Authentication
    And password hash sync is off and no selective password hash sync rule exists
    And the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope | in_password_hash_sync_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          | false                       |
      | test.user@contoso.com         | synced     | premium | false    | true         | true          | false                       |
    When the tenant is diagnosed
    Then "user-in-password-hash-sync-scope" does not apply

  Scenario: A user is out of scope and nobody has said whether selective password hash sync is configured
    Given the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope | in_password_hash_sync_scope |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          | false                       |
      | test.user@contoso.com         | synced     | premium | false    | true         | true          | false                       |
    When the tenant is diagnosed
    Then "user-in-password-hash-sync-scope" fails with "synced-user-outside-phs-scope", provided that someone confirms whether selective password hash sync is configured
