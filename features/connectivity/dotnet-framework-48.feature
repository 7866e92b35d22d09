@connectivity @microsoft-docs
Feature: .NET Framework 4.8 or later is installed on the Connect server
  Current docs: make sure .NET Framework 4.8 or higher is enabled on the sync server.

  Background:
    Given a healthy hybrid tenant

  Scenario: The server has .NET Framework 4.8.1
    When the tenant is diagnosed
    Then "dotnet-framework-48" passes

  Scenario: The server still has .NET Framework 4.7.2
    Given the Connect server has .NET Framework 4.7.2
    When the tenant is diagnosed
    Then "dotnet-framework-48" fails with "dotnet-older-than-48"
