@setup @article
Feature: Azure AD Connect is installed and Active Directory is prepared for synchronisation
  The article: "У вас інстальовано засіб Підключення Azure AD, і ви підготували середовище
  AD до синхронізації з хмарою." — Azure AD Connect is installed and the AD environment is
  prepared for synchronisation to the cloud. Whether Connect is in place also decides
  whether its own settings (full sync, the writeback switch) can be checked at all.

  Background:
    Given a healthy hybrid tenant

  Scenario: Connect is installed and the AD connector is configured
    When the tenant is diagnosed
    Then "connect-installed-ad-prepared" passes
    And "full-import-and-sync-done" passes

  Scenario: Azure AD Connect was never installed on premises
    Given Azure AD Connect is not installed
    When the tenant is diagnosed
    Then "connect-installed-ad-prepared" fails with "connect-not-installed"
    And "full-import-and-sync-done" does not apply
    And "writeback-enabled-in-connect" does not apply

  Scenario: Connect is installed but the forest was never added to it
    Given the forest was never added to Azure AD Connect
    When the tenant is diagnosed
    Then "connect-installed-ad-prepared" fails with "ad-connector-not-configured"

  Scenario: Nobody has looked at the Connect server yet
    Given nobody has looked at the Connect server
    When the tenant is diagnosed
    Then "connect-installed-ad-prepared" is undecided for want of whether Azure AD Connect is installed with an AD connector

  Scenario: The writeback switch that Connect reports shows Connect in place
    An expert infers at once that a Connect which reports its writeback switch is
    installed with its connectors configured (a derivation rule, shown by --explain).
    Given nothing is known about the tenant
    And password writeback is not ticked in Azure AD Connect
    When the tenant is diagnosed
    Then the rules conclude that "connect-in-place" is true
    And "connect-installed-ad-prepared" passes

  Scenario: A completed full import shows Connect in place
    Given nothing is known about the tenant
    And a full import has completed since the last configuration change
    When the tenant is diagnosed
    Then the rules conclude that "connect-in-place" is true

  Scenario: The writeback service's heartbeat shows Connect in place and writeback onboarded
    Given nothing is known about the tenant
    And the writeback service's heartbeat, event 31019, is in the Application log
    When the tenant is diagnosed
    Then the rules conclude that "connect-in-place" is true
    And the rules conclude that "writeback-on-in-connect" is true

  Scenario: Without any evidence, Connect stated as not installed is not installed
    Given nothing is known about the tenant
    And Azure AD Connect is not installed
    When the tenant is diagnosed
    Then the rules conclude that "connect-in-place" is false
    And "connect-installed-ad-prepared" fails with "connect-not-installed" for certain

