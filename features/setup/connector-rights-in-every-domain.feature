@setup @microsoft-docs
Feature: The connector account holds the writeback rights in every domain of the forest
  Current docs (tutorial-enable-sspr-writeback): the rights are set on the root object of each
  domain; a domain added later is often forgotten.

  Background:
    Given a healthy hybrid tenant

  Scenario: Every domain of the forest was delegated
    When the tenant is diagnosed
    Then "connector-rights-in-every-domain" passes

  Scenario: The EMEA child domain was added after writeback was set up
    Given the MSOL_ account lacks its rights in one of the forest's domains
    When the tenant is diagnosed
    Then "connector-rights-in-every-domain" fails with "connector-rights-missing-in-a-domain"
