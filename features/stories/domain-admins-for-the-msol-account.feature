@stories @public-story @uncovered
Feature: Story: the MSOL_ account worked only as a Domain Admin
  Source: https://github.com/MicrosoftDocs/azure-docs/issues/38578 (darrenroback, 2019-09-09).
  Reported: SSPR with on-premises writeback was set up following the how-to "to the T" (the
  connector account's rights as documented then) to no avail.
  Confirmed: Microsoft support had the MSOL_ account added to Domain Admins, which resolved it.
  Uncovered: the fix masks whichever right or object setting was wrong, and the thread never says
  which; with the rights the poster reports, no rule can fail. Domain Admins membership is not a
  fix Microsoft's documentation gives (the connector account should hold only the listed rights).

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And writeback never worked since it was set up
    And password writeback is ticked in Azure AD Connect
    And the MSOL_ account holds Reset password, Write lockoutTime and Write pwdLastSet
    When the tenant is diagnosed
    Then "connector-account-permissions" is undecided for want of whether the MSOL_ account holds Change password and Unexpire Password
