@setup @article
Feature: A full import and a full synchronisation ran before writeback is tested
  The article: "Перш ніж перевіряти записування пароля, спочатку пройдіть повну імпорту
  й повну синхронізацію з AD й Azure AD в Azure AD Підключення." — before testing
  password writeback, first run a full import and a full synchronisation between AD
  and Azure AD in Azure AD Connect.

  Background:
    Given a healthy hybrid tenant

  Scenario: Both the full import and the full synchronisation completed
    When the tenant is diagnosed
    Then "full-import-and-sync-done" passes

  Scenario: The connector was reconfigured and no full import has run since
    Given no full import has run since the last configuration change
    When the tenant is diagnosed
    Then "full-import-and-sync-done" fails with "full-import-not-completed"

  Scenario: The full import ran but the full synchronisation stopped with errors
    Given the full synchronisation did not complete
    When the tenant is diagnosed
    Then "full-import-and-sync-done" fails with "full-sync-not-completed"

  Scenario: Azure AD Connect is not installed yet, so there is nothing to synchronise
    Given Azure AD Connect is not installed
    When the tenant is diagnosed
    Then "full-import-and-sync-done" does not apply

  Scenario: Nobody has looked at the run history in Synchronization Service Manager
    Given nobody has looked at the run history
    When the tenant is diagnosed
    Then "full-import-and-sync-done" is undecided for want of whether a full import has run since the last change

  Scenario: A completed full import with a failed full synchronisation is reported
    The completed full import shows Connect in place, so the failed synchronisation is
    a diagnosis, not an unknown.
    Given nothing is known about the tenant
    And Azure AD Connect is installed
    And a full import has completed since the last configuration change
    And the full synchronisation did not complete
    When the tenant is diagnosed
    Then "full-import-and-sync-done" fails with "full-sync-not-completed" for certain
    And the verdict is "problems"

  Scenario: A failed full synchronisation while Connect's AD connector is undecided is reported, provided that
    Given nothing is known about the tenant
    And Azure AD Connect is installed
    And the full synchronisation did not complete
    When the tenant is diagnosed
    Then "full-import-and-sync-done" fails with "full-sync-not-completed", provided that someone confirms whether Azure AD Connect's AD connector is configured
    And the verdict is "problems"
