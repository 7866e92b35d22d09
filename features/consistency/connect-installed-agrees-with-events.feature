@consistency @microsoft-docs
Feature: What is said about Azure AD Connect's installation agrees with what only an installed Connect shows
  Microsoft's troubleshooting page: 31005 (OnboardingEventSuccess) and 31019 (ServiceBusHeartBeat)
  are logged by the writeback service of an installed Azure AD Connect. An answer that Connect is
  not installed, beside those events, is a disagreement to settle, not a fact to override silently
  (expert re-review 2026-12-07, C5 and L9: that run used to exit 0, "healthy").

  Background:
    Given a healthy hybrid tenant

  Scenario: Connect is installed and its writeback service logs heartbeats
    When the tenant is diagnosed
    Then "connect-installed-agrees-with-events" passes

  Scenario: The customer says Connect is not installed, yet the log shows onboarding and heartbeats
    Given the engineer was told Azure AD Connect is not installed
    When the tenant is diagnosed
    Then "connect-installed-agrees-with-events" fails with error "connect-said-not-installed-yet-in-place"
    And "connect-installed-ad-prepared" is undecided for want of whether Azure AD Connect is installed with an AD connector
    And "writeback-admin-role-assigned-directly" is undecided for want of whether Azure AD Connect is installed
    And the verdict is "problems"

  Scenario: Connect is not installed, and the log holds no writeback event
    Given Azure AD Connect is not installed
    And the Application log holds no event
    When the tenant is diagnosed
    Then "connect-installed-agrees-with-events" passes

  Scenario: Connect is said not to be installed and nothing else is known of it: no disagreement, no question
    Given Azure AD Connect is not installed
    When the tenant is diagnosed
    Then "connect-installed-agrees-with-events" passes

  Scenario: Connect is said not to be installed, yet someone read its Password writeback switch
    Given the engineer was told Azure AD Connect is not installed
    And the Application log holds no event
    And password writeback is not ticked in Azure AD Connect
    When the tenant is diagnosed
    Then "connect-installed-agrees-with-events" fails with "connect-said-not-installed-yet-in-place"

  Scenario: Nobody has said whether Connect is installed: nothing to compare
    Given nobody has said whether Azure AD Connect is installed or its AD connector configured
    When the tenant is diagnosed
    Then "connect-installed-agrees-with-events" does not apply
