Feature: In Azure China (21Vianet), both China Service Bus relays are reachable
  Current docs: ssprdedicatedsbmcprodcne and ssprdedicatedsbmcprodcnn.servicebus.chinacloudapi.cn.

  Scenario: A commercial tenant does not use the China relays
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "china-endpoints" does not apply

  Scenario: A 21Vianet tenant reaches both relays
    Given a healthy hybrid tenant
    But "tenant.cloud" is "china"
    And "network.servicebus_china_https" is true
    When the tenant is diagnosed
    Then "china-endpoints" passes

  Scenario: A 21Vianet tenant's firewall blocks chinacloudapi.cn
    Given a healthy hybrid tenant
    But "tenant.cloud" is "china"
    And "network.servicebus_china_https" is false
    When the tenant is diagnosed
    Then "china-endpoints" fails with "china-servicebus-blocked"
