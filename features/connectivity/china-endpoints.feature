@connectivity @microsoft-docs
Feature: In Azure China (21Vianet), both China Service Bus relays are reachable
  Current docs: ssprdedicatedsbmcprodcne and ssprdedicatedsbmcprodcnn.servicebus.chinacloudapi.cn.

  Background:
    Given a healthy hybrid tenant

  Scenario: A commercial tenant does not use the China relays
    When the tenant is diagnosed
    Then "china-endpoints" does not apply

  Scenario: A 21Vianet tenant reaches both relays
    Given the tenant is in Azure China (21Vianet)
    And the Connect server reaches both China Service Bus relays
    When the tenant is diagnosed
    Then "china-endpoints" passes

  Scenario: A 21Vianet tenant's firewall blocks chinacloudapi.cn
    Given the tenant is in Azure China (21Vianet)
    And the Connect server cannot reach the China Service Bus relays
    When the tenant is diagnosed
    Then "china-endpoints" fails with "china-servicebus-blocked"

  Scenario: A 21Vianet tenant reaches only one of the two relays
    Given the tenant is in Azure China (21Vianet)
    And only one of the two China Service Bus relays answers
    When the tenant is diagnosed
    Then "china-endpoints" fails with "china-servicebus-blocked"
    And the diagnosis of "china-endpoints" says "or to only one"
