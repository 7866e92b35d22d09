@stories @public-story
Feature: Story: SSPR_0029 until Azure AD Connect moved off the domain controller
  Source: https://github.com/MicrosoftDocs/SupportArticles-docs/issues/503 (rschouten97, 2022-03-25;
  the same text as https://github.com/MicrosoftDocs/azure-docs/issues/90469, counted once).
  Reported: users got "SSPR_0029: Your organization hasn't properly set up the on-premises
  configuration for password reset"; two people spent two and a half hours setting and
  correcting permissions; Azure AD Connect ran on a domain controller.
  Confirmed: uninstalling Azure AD Connect from the DC and installing it on a member server fixed
  it at once. Microsoft's SSPR_0029 article names this under its permissions cause (cause 2).

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And users get SSPR_0029
    And Azure AD Connect is installed on a domain controller
    And password writeback is ticked in Azure AD Connect
    When the tenant is diagnosed
    Then "connect-not-on-domain-controller" is undecided for want of the Application log, and whether the AD connector uses only preferred domain controllers

  Scenario: The symptom alone: users get SSPR_0029
    Given nothing is known about the tenant
    And users get SSPR_0029
    When the tenant is diagnosed
    Then the report asks for whether Azure AD Connect runs on a domain controller
