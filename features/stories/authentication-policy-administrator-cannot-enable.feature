@stories @public-story @uncovered
Feature: Story: an Authentication Policy Administrator could not turn writeback on
  Source: https://github.com/MicrosoftDocs/azure-docs/issues/115172 (Joybhat723126, 2023-09-26),
  fixed by https://github.com/MicrosoftDocs/azure-docs/pull/115181.
  Reported: the tutorial said the Authentication Policy Administrator role may enable or disable
  password writeback for SSPR; with that role the admin center said "unauthorized".
  Confirmed: Microsoft changed the tutorial to Global Administrator (the role the poster needed).
  Uncovered: the facts say only whether the account holds an admin role, not which role.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And the account that enabled writeback holds an admin role
    When the tenant is diagnosed
    Then "writeback-admin-managed" is undecided for want of whether the account that enabled writeback is federated
