@stories @public-story
Feature: Story: a new user could not change the password the same day
  Source: https://github.com/MicrosoftDocs/azure-docs/pull/41113 (darfahad0, 2019-10-21, merged).
  Reported: with SSPR and writeback configured in Azure AD Connect, updating the password of a
  new user (an account whose password had just been set) failed; the domain's password policy was
  set to 1 (the poster calls it "Minimum Password Length" and explains it as "the password must be
  at least a day old", i.e. Minimum password age).
  Confirmed: setting Minimum password age to 0 (gpupdate /force) fixed it; Microsoft merged the note.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And one user is affected
    And the affected user is a new account, its password set shortly before
    And the domain's Minimum password age is one day
    When the tenant is diagnosed
    Then "minimum-password-age-zero" fails with "minimum-password-age-above-zero"

  Scenario: The symptom alone: a new user cannot change the password
    Given nothing is known about the tenant
    And one user is affected
    And the affected user is a new account, its password set shortly before
    When the tenant is diagnosed
    Then the report asks for the domain's Minimum password age
