@stories @public-story
Feature: Story: event 33004 for a user whose adminCount is 1
  Source: https://github.com/MicrosoftDocs/azure-docs/issues/41241 (v-videba, 2019-10-22).
  Reported: PasswordResetService event 33004 (the permissions error) when the user whose password
  is changed has the attribute adminCount set to 1.
  Confirmed: Microsoft added the cause to the troubleshooting article; protected accounts
  (adminCount = 1) cannot be reset through writeback by design (SSPR_0029 cause 1).

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And one user is affected
    And the Application log holds only PasswordResetService event 33004
    And the users are:
      | name                  | source | admin_count_protected |
      | the.user@contoso.com  | synced | true                  |
    When the tenant is diagnosed
    Then "protected-accounts-by-design" fails with "protected-user-in-scope"

  Scenario: The symptom alone: event 33004 when one user resets
    Given nothing is known about the tenant
    And one user is affected
    And the Application log holds only PasswordResetService event 33004
    And the users are:
      | name                  | source |
      | the.user@contoso.com  | synced |
    When the tenant is diagnosed
    Then the report asks for whether the user is in a protected group (adminCount = 1)
