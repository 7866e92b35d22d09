@stories @public-story
Feature: Story: "Unable to configure password writeback" and TLS 1.2
  Source: https://github.com/MicrosoftDocs/SupportArticles-docs/issues/421 (desmphil, 2022-01-11).
  Reported: the Connect wizard's "unable to configure password writeback" error article should also
  name TLS 1.2 for Azure AD Connect (reference-connect-tls-enforcement).
  Confirmed: Microsoft updated the article with the TLS 1.2 cause and closed the issue (2022-09-23).

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And TLS 1.2 is not enabled on the Connect server
    When the tenant is diagnosed
    Then "tls12-enabled" fails with "tls12-not-enabled"

  Scenario: The symptom alone: the Connect wizard cannot configure password writeback
    Given nothing is known about the tenant
    When the tenant is diagnosed
    Then the report asks for whether TLS 1.2 is enabled on the Connect server
