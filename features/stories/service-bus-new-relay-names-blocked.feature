@stories @public-story
Feature: Story: new Service Bus relay names blocked by a firewall without wildcards
  Source: https://github.com/alan-turing-institute/data-safe-haven/pull/1423 (edwardchalstrey1,
  2023-03-15, merged; closes issue 1427).
  Reported: issue 1427 ("Intermittent failure of self-service password reset", 2023-03-15) says
  "when trying to reset their passwords, some users see the following error" (a screenshot); the
  PR: SSPR writeback failed whenever the on-premises side picked a relay name of the form
  gX-prod-[ch|sn]3-XXX-sb.servicebus.windows.net that the firewall blocked; the firewall rules
  cannot hold wildcards.
  Confirmed: listing every such Service Bus name in the firewall rule fixed the resets.
  Some relay names answered (those already on the firewall's list) and others did not: failures
  came "whenever the on-premises side picked" a blocked name, hence "intermittent" (issue 24
  point 5: the value "some"; Microsoft's page lists the wildcard *.servicebus.windows.net).
  The issue's title says the failures are intermittent; the steps say so since the vocabulary
  holds it (round 4); before, only "some users" was given.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And some users are affected, others reset fine
    And the failures are intermittent, they come and go
    And only some of the Service Bus relay names answer, the others are blocked
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" fails with "servicebus-partly-blocked"
    And the diagnosis of "firewall-servicebus-endpoint" says "allow-list of specific relay names"

  Scenario: The symptom alone: some resets fail, some succeed
    Given nothing is known about the tenant
    And some users are affected, others reset fine
    And the failures are intermittent, they come and go
    When the tenant is diagnosed
    Then the report asks for whether the Connect server reaches the Service Bus
