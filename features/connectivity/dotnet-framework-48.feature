@connectivity @microsoft-docs
Feature: .NET Framework 4.8 or later is installed on the Connect server
  Current docs: make sure .NET Framework 4.8 or higher is enabled on the sync server.

  Background:
    Given a healthy hybrid tenant

  Scenario: The server has .NET Framework 4.8.1
    When the tenant is diagnosed
    Then "dotnet-framework-48" passes

  # Correction (expert review): 4.7.2 is Connect's minimum (prerequisites page), so 4.7.2
  # is a warning against the guide's 4.8 (the old rule: an error)...
  Scenario: The server still has .NET Framework 4.7.2
    Given the Connect server has .NET Framework 4.7.2
    When the tenant is diagnosed
    Then the diagnoses are, in order:
      | id                  | finding              | severity |
      | dotnet-framework-48 | dotnet-older-than-48 | warning  |

  # ...and below 4.7.2 it is an error.
  Scenario: The server has only .NET Framework 4.6.2
    Given the Connect server has .NET Framework 4.6.2
    When the tenant is diagnosed
    Then "dotnet-framework-48" fails with "dotnet-older-than-472"
