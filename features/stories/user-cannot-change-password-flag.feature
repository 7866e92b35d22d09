@stories @public-story @uncovered
Feature: Story: hr=80230626 because the user "cannot change password"
  Source: http://c7solutions.com/2015/07/password-writeback-errors (Brian Reid, C7 Solutions, 2015-07).
  Reported: while testing writeback, the Application log held PasswordResetService event 33004 and
  ADSync event 6329, both "hr=80230626, the password could not be updated because the management
  agent credentials were denied access"; Azure AD Sync 1.0.8641.0.
  Confirmed: the user had "User cannot change password" set in Active Directory.
  Uncovered: no fact holds the user's "User cannot change password" flag; the report blames the
  connector account's permissions (33004), which the poster's fix did not touch.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And the Application log holds PasswordResetService event 33004 and ADSync event 6329, both with hr=80230626, the management agent credentials were denied access
    When the tenant is diagnosed
    Then "event-ad-permissions" fails with "ad-permissions-error-33004"
