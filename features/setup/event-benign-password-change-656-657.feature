@setup @microsoft-docs
Feature: Password change events 656 and 657 are understood as benign
  The enable tutorial: enabling writeback the first time may log 656 and 657 without any password change.
  They never fail the diagnosis; the note explains them.

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-benign-password-change-656-657" passes

  Scenario Outline: <id> appears right after writeback was enabled
    Given the Application log holds only Directory Synchronization event <id>
    When the tenant is diagnosed
    Then "event-benign-password-change-656-657" fails with "benign-656-657"

    Examples:
      | id  |
      | 656 |
      | 657 |
