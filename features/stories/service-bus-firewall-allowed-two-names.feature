@stories @public-story
Feature: Story: the firewall allowed two Service Bus names, writeback used others
  Source: https://github.com/alan-turing-institute/data-safe-haven/issues/738 (jemrobinson, 2020-07-05).
  Reported: the first deployment with the firewall built in from the start ("rather than as a
  later add-on": what was new), with a new tenant; self-service password reset did not work; the
  firewall allowed ssprdedicatedsbprodncu and ssprdedicatedsbprodscu.servicebus.windows.net, but
  after a reboot DC1 (where Azure AD Connect ran) connected to g15-prod-...-sb.servicebus.windows.net
  names, which the firewall denied.
  Confirmed: allowing *.servicebus.windows.net and rebooting the DC VMs made SSPR work again.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And writeback never worked since it was set up
    And the firewall is new in this deployment
    And Azure AD Connect is installed on a domain controller
    And the Connect server cannot reach the Service Bus endpoint
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" fails with "servicebus-blocked"

  Scenario: The symptom alone: SSPR does not work behind the firewall
    Given nothing is known about the tenant
    And writeback never worked since it was set up
    And the firewall is new in this deployment
    And Azure AD Connect is installed on a domain controller
    When the tenant is diagnosed
    Then the report asks for whether the Connect server reaches the Service Bus
