Feature: Accounts in AD protected groups are not expected to reset through writeback
  Current docs (SSPR_0029, cause 1): adminCount = 1 accounts cannot be reset by writeback, by design.
  That is a note for ordinary users in scope, and a warning when the test user is one of them.

  Scenario: No account in scope is in a protected group
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "protected-accounts-by-design" passes

  Scenario: The engineer tests with a Domain Admin account
    Given a healthy hybrid tenant
    But "users" is [{"name": "da@contoso.com", "source": "synced", "is_test_user": true, "admin_count_protected": true}]
    When the tenant is diagnosed
    Then "protected-accounts-by-design" fails with "protected-test-user"

  Scenario: A Domain Admin in scope cannot reset a forgotten password
    Given a healthy hybrid tenant
    But "users" is [{"name": "da@contoso.com", "source": "synced", "is_test_user": false, "admin_count_protected": true}]
    When the tenant is diagnosed
    Then "protected-accounts-by-design" fails with "protected-user-in-scope"
