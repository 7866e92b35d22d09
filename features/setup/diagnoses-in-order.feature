@setup @article
Feature: Diagnoses are listed in one order, the article's
  The article goes through setup, then connectivity, then what to do when the problem
  persists: an earlier stage that blocks comes first, since what follows depends on it.
  rules/ruleset.yaml declares the order once (report_order) and every format uses it:
  blocking findings (critical, error) first, by stage (setup, connectivity, persisting),
  then by severity, then by the requirement's order; then warnings; notes last.

  Background:
    Given a healthy hybrid tenant

  Scenario: A setup error comes before a connectivity critical
    Given the full synchronisation did not complete
    And the Connect server cannot reach the Service Bus endpoint
    When the tenant is diagnosed
    Then the diagnoses are, in order:
      | id                          | finding                 | severity |
      | full-import-and-sync-done   | full-sync-not-completed | error    |
      | firewall-servicebus-endpoint | servicebus-blocked     | critical |

  Scenario: A warning of an earlier stage comes after every blocking finding
    Given the domain's Minimum password age is one day
    And the full synchronisation did not complete
    And the Connect server cannot reach the Service Bus endpoint
    When the tenant is diagnosed
    Then the diagnoses are, in order:
      | id                           | finding                         | severity |
      | full-import-and-sync-done    | full-sync-not-completed         | error    |
      | firewall-servicebus-endpoint | servicebus-blocked              | critical |
      | minimum-password-age-zero    | minimum-password-age-above-zero | warning  |

  Scenario: On Connect 1.1.380 the upgrade comes before the endpoint findings
    The endpoint list of the article is that of Connect 1.1.443 and later. An older
    version is a 1.x that stopped synchronising on 1 October 2023: upgrading Connect comes
    first (a critical), and the endpoint findings point only to that upgrade.
    Given Azure AD Connect is version 1.1.380.0
    And the Connect server cannot reach passwordreset.microsoftonline.com
    And the Connect server cannot reach the Service Bus endpoint
    When the tenant is diagnosed
    Then the diagnoses are, in order:
      | id                              | finding                                | severity |
      | connect-latest-version          | connect-v1-retired                     | critical |
      | firewall-passwordreset-endpoint | passwordreset-blocked-before-1-1-443   | error    |
      | firewall-servicebus-endpoint    | servicebus-blocked-before-1-1-443      | error    |
