Feature: Azure AD Connect is installed and Active Directory is prepared for synchronisation
  The article: "У вас інстальовано засіб Підключення Azure AD, і ви підготували середовище
  AD до синхронізації з хмарою." — Azure AD Connect is installed and the AD environment is
  prepared for synchronisation to the cloud. Whether Connect is in place also decides
  whether its own settings (full sync, the writeback switch) can be checked at all.

  Scenario: Connect is installed and the AD connector is configured
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "connect-installed-ad-prepared" passes
    And "full-import-and-sync-done" passes

  Scenario: Azure AD Connect was never installed on premises
    Given a healthy hybrid tenant
    But "connect.installed" is false
    When the tenant is diagnosed
    Then "connect-installed-ad-prepared" fails with "connect-not-installed"
    And "full-import-and-sync-done" does not apply
    And "writeback-enabled-in-connect" does not apply

  Scenario: Connect is installed but the forest was never added to it
    Given a healthy hybrid tenant
    But "connect.ad_connector_configured" is false
    When the tenant is diagnosed
    Then "connect-installed-ad-prepared" fails with "ad-connector-not-configured"

  Scenario: Nobody has looked at the Connect server yet
    Given a healthy hybrid tenant
    But "connect.installed" is unknown
    And "connect.ad_connector_configured" is unknown
    When the tenant is diagnosed
    Then "connect-installed-ad-prepared" is unknown for want of "connect.installed, connect.ad_connector_configured"
