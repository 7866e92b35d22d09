@stories @public-story
Feature: Story: after every self-service reset the user must change the password again
  Source: https://github.com/MicrosoftDocs/azure-docs/pull/51035 (jafrittsMSFT, 2020-03-26, merged).
  Reported: after a user performs SSPR, "User must change password at next logon" is set on the
  on-premises account (pwdLastSet not updated).
  Confirmed: the on-premises connector account needs the extended right "Unexpire Password";
  Microsoft added it to the tutorial's list of permissions.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And after a reset that succeeded the user must change the password at next logon
    And the MSOL_ account lacks Unexpire Password
    When the tenant is diagnosed
    Then "connector-account-permissions" fails with "connector-lacks-unexpire-password"

  Scenario: The symptom alone: the reset works but the user must change the password at next logon
    Given nothing is known about the tenant
    And after a reset that succeeded the user must change the password at next logon
    When the tenant is diagnosed
    Then the report asks for whether the MSOL_ account holds Unexpire Password
