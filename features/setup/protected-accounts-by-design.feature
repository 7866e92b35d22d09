@setup @microsoft-docs
Feature: Accounts in AD protected groups are not expected to reset through writeback
  Current docs (SSPR_0029, cause 1): adminCount = 1 accounts cannot be reset by writeback, by design.
  That is a note for ordinary users in scope, and a warning when the test user is one of them.

  Background:
    Given a healthy hybrid tenant

  Scenario: No account in scope is in a protected group
    When the tenant is diagnosed
    Then "protected-accounts-by-design" passes

  Scenario Outline: <situation>
    Given the users are:
      | name           | source | is_test_user   | admin_count_protected |
      | da@contoso.com | synced | <is test user> | true                  |
    When the tenant is diagnosed
    Then "protected-accounts-by-design" fails with "<finding>"

    Examples:
      | situation                                                 | is test user | finding                 |
      | The engineer tests with a Domain Admin account            | true         | protected-test-user     |
      | A Domain Admin in scope cannot reset a forgotten password | false        | protected-user-in-scope |
