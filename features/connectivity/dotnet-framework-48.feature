Feature: .NET Framework 4.8 or later is installed on the Connect server
  Current docs: make sure .NET Framework 4.8 or higher is enabled on the sync server.

  Scenario: The server has .NET Framework 4.8.1
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "dotnet-framework-48" passes

  Scenario: The server still has .NET Framework 4.7.2
    Given a healthy hybrid tenant
    But "server.dotnet_version" is "4.7.2"
    When the tenant is diagnosed
    Then "dotnet-framework-48" fails with "dotnet-older-than-48"
