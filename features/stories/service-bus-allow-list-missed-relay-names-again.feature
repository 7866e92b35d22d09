@stories @public-story
Feature: Story: users could not reset at aka.ms/sspr again: relay names outside the firewall's allow-list
  Source: https://github.com/alan-turing-institute/data-safe-haven/issues/1467 (jemrobinson,
  2023-05-20, "Potentially reoccurring problem with users unable to reset their passwords online");
  fixed by https://github.com/alan-turing-institute/data-safe-haven/pull/1466 (merged, closes it).
  Reported: on a production deployment users were unable to reset their passwords with the
  self-service password reset flow at aka.ms/sspr (a screenshot of the error); the title calls it a
  possibly recurring problem (the relay-names story, issue 1427, was the first time).
  Confirmed: the firewall rule for Azure AD Connect's password reset blocked Service Bus names that
  fell outside its maintained allow-list; PR 1466 added the further ssprdedicatedsbprod names found
  blocked in the DC's event logs and the firewall logs.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And writeback worked before, then stopped
    And the users were resetting at the SSPR portal (aka.ms/sspr)
    And only some of the Service Bus relay names answer, the others are blocked
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" fails with "servicebus-partly-blocked"

  Scenario: The symptom alone: users cannot reset at aka.ms/sspr, again
    Given nothing is known about the tenant
    And writeback worked before, then stopped
    And the users were resetting at the SSPR portal (aka.ms/sspr)
    When the tenant is diagnosed
    Then the report asks for whether the Connect server reaches the Service Bus
