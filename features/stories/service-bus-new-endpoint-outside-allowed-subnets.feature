@stories @public-story
Feature: Story: writeback stopped when the relay moved to an endpoint outside the allowed subnets
  Source: https://github.com/MicrosoftDocs/entra-docs/issues/1044 (heikobischoff, 2024-07-29,
  "SSPR Connectivity - Details for European Customers"; closed by Microsoft as a product issue).
  Reported: the firewall allowed the two Service Bus subnets of the European relays
  (ssprdedicatedsbprodneu and ssprdedicatedsbprodweu, taken from Microsoft's IP ranges and service
  tags); SSPR suddenly stopped working when it tried to connect to
  ssprdedicatedsbprodfra-1.servicebus.windows.net; the fallback to the endpoints that had worked
  (their heartbeats were in the Application log) failed.
  Confirmed (by the poster): the new endpoint in France was not allowed through the firewall;
  disabling and re-enabling writeback restored it. Microsoft's page lists *.servicebus.windows.net.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And writeback worked before, then stopped
    And only some of the Service Bus relay names answer, the others are blocked
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" fails with "servicebus-partly-blocked"

  Scenario: The symptom alone: writeback suddenly stopped
    Given nothing is known about the tenant
    And writeback worked before, then stopped
    When the tenant is diagnosed
    Then the report asks for whether the Connect server reaches the Service Bus
