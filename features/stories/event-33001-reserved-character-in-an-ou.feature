@stories @public-story @uncovered
Feature: Story: event 33001 because an OU name held a reserved character
  Source: https://github.com/MicrosoftDocs/entra-docs/issues/717 (sstrausbaugh-bardavon, 2024-04-25).
  Reported: SSPR writeback failed; the Application log held PasswordResetService event 33001
  (ADUnKnownError), where the troubleshooting article ends ("check the ADSync events").
  Confirmed: a quick support case found that the on-premises OU structure held a reserved character,
  which prevented password writeback.
  Uncovered: no rule covers it and no fact can hold it (a reserved character in the user's
  distinguished name); the report names the unknown AD error and what to read next.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And the Application log holds only PasswordResetService event 33001
    When the tenant is diagnosed
    Then "event-ad-unknown-error" fails with "ad-unknown-error-33001"
