@symptoms @microsoft-docs
Feature: Failures that come and go point to what changes from one reset to the next
  A cause that fails every reset of the same users (a user outside the SSPR group, a protected
  account, inheritance turned off on a user object) does not make failures come and go. What
  changes from one reset to the next does: the Service Bus relay name in use, when the firewall
  allows a list of names instead of *.servicebus.windows.net (Microsoft asks firewalls to allow
  the DNS names of all the Relay gateways, whose addresses change), or the domain controller a
  reset lands on, when the AD connector's preferred list holds a read-only or unreachable one.
  https://learn.microsoft.com/en-us/entra/identity/authentication/troubleshoot-sspr-writeback
  https://techcommunity.microsoft.com/t5/messaging-on-azure-blog/ip-address-changes-for-azure-service-bus-and-ip-dns-changes-for/ba-p/4057565

  Scenario: Intermittent failures are consistent with a partly open firewall and a partly bad preferred DC list
    Given nothing is known about the tenant
    And the failures are intermittent, they come and go
    When the tenant is diagnosed
    Then the report suspects "firewall-servicebus-endpoint" for intermittent
    And the report suspects "preferred-dcs-writable-reachable" for intermittent

  Scenario: The relay names checked and all answering: one suspect fewer
    Given nothing is known about the tenant
    And the failures are intermittent, they come and go
    And the Connect server reaches the Service Bus endpoint
    When the tenant is diagnosed
    Then the report no longer suspects "firewall-servicebus-endpoint" for intermittent
    And the report suspects "preferred-dcs-writable-reachable" for intermittent
