@stories @public-story
Feature: Story: hr=80230626 because the test user "cannot change password"
  Source: http://c7solutions.com/2015/07/password-writeback-errors (Brian Reid, C7 Solutions, 2015-07).
  Reported: while testing writeback, the Application log held PasswordResetService event 33004 and
  ADSync event 6329, both "hr=80230626, the password could not be updated because the management
  agent credentials were denied access", for the test user ethan@contoso.co.uk; the 33004 stack trace
  shows a change (ChangePassword with the old and the new password), not a reset; Azure AD Sync 1.0.8641.0.
  Confirmed: the user had "User cannot change password" set in Active Directory.
  (Uncovered when first written; the rule test-user-can-change-password, landed since, covers it.)

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And the Application log holds PasswordResetService event 33004 and ADSync event 6329, both with hr=80230626, the management agent credentials were denied access
    And the user was changing the password, not resetting it
    And the users are:
      | name                  | source | is_test_user | cannot_change_password |
      | ethan@contoso.co.uk   | synced | true         | true                   |
    When the tenant is diagnosed
    Then "test-user-can-change-password" fails with "test-user-cannot-change-password"

  Scenario: The symptom alone: hr=80230626 for the test user
    Given nothing is known about the tenant
    And the Application log holds PasswordResetService event 33004 and ADSync event 6329, both with hr=80230626, the management agent credentials were denied access
    And the user was changing the password, not resetting it
    And the users are:
      | name                  | source | is_test_user |
      | ethan@contoso.co.uk   | synced | true         |
    When the tenant is diagnosed
    Then the report asks for whether the user has 'User cannot change password' set
