@stories @public-story @uncovered
Feature: Story: event 33008 for accounts that "cannot change password" or whose password never expires
  Source: https://github.com/MicrosoftDocs/azure-docs/issues/40059 (abeerqannita, 2019-10-03).
  Reported: SSPR failed with PasswordResetService event 33008 (ADPasswordPolicyError) for accounts
  that have "Password never expires" and/or "User cannot change password" set on premises.
  Confirmed: Microsoft thanked the poster and took the cause into the troubleshooting article.
  Uncovered: no fact holds those account flags; the report points at the password policy.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And the Application log holds only PasswordResetService event 33008
    When the tenant is diagnosed
    Then "event-password-policy" fails with "ad-password-policy-error-33008"
