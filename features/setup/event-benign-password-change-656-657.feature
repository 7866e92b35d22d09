Feature: Password change events 656 and 657 are understood as benign
  The enable tutorial: enabling writeback the first time may log 656 and 657 without any password change.
  They never fail the diagnosis; the note explains them.

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "event-benign-password-change-656-657" passes

  Scenario: 656 appears right after writeback was enabled
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 656, "source": "Directory Synchronization", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-benign-password-change-656-657" fails with "benign-656-657"

  Scenario: 657 appears right after writeback was enabled
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 657, "source": "Directory Synchronization", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-benign-password-change-656-657" fails with "benign-656-657"
