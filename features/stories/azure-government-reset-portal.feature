@stories @public-story @uncovered
Feature: Story: Azure Government users reset at the wrong portal
  Source: https://github.com/MicrosoftDocs/azure-docs/issues/13364 (dpravo, 2018-08-14).
  Reported: SSPR for on-premises users in Azure Government did not work despite the poster's and
  Microsoft support's best efforts.
  Confirmed (the poster, 2018-08-17): it works; the SSPR URL for Azure Government is
  https://passwordreset.activedirectory.windowsazure.us/ (the users had used the global one).
  Uncovered: no fact holds the portal the user reset at (the symptom vocabulary's "where" may).

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And the tenant is in Azure US Government
    When the tenant is diagnosed
    Then "usgov-endpoints" is undecided for want of whether the Connect server reaches the US Government endpoints
