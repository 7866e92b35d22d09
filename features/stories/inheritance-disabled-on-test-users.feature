@stories @public-story
Feature: Story: permission errors although the permissions were set, inheritance was off
  Source: https://github.com/MicrosoftDocs/azure-docs/issues/53479 (mardahl, 2020-04-28).
  Reported: a new SSPR deployment; writeback said things were not properly set up; the
  Application log on the Azure AD Connect server held a lot of permission errors at the time of
  each reset (an event known only by kind); the permissions had just been set as the tutorial says.
  Confirmed: some test users had inheritance disabled on the Security tab of their user object;
  with inheritance enabled the resets went through.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And writeback never worked since it was set up
    And the Application log shows lots of permission errors
    And the MSOL_ account holds Reset password, Write lockoutTime and Write pwdLastSet
    And permission inheritance is disabled on some user objects
    When the tenant is diagnosed
    Then "user-object-inheritance" fails with "inheritance-disabled-on-users"

  Scenario: The symptom alone: permission errors although the permissions were set
    Given nothing is known about the tenant
    And writeback never worked since it was set up
    And the Application log shows lots of permission errors
    And the MSOL_ account holds Reset password, Write lockoutTime and Write pwdLastSet
    When the tenant is diagnosed
    Then the report asks for whether inheritance is disabled on some user objects
