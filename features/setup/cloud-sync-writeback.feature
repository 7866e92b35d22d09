@setup @microsoft-docs
Feature: Cloud sync, where used, supports writeback and has its own switch on
  Current docs: cloud sync writeback needs provisioning agent 1.1.977.0 or later and its own switch.

  Background:
    Given a healthy hybrid tenant

  Scenario: The tenant does not use cloud sync
    When the tenant is diagnosed
    Then "cloud-sync-writeback" does not apply

  Scenario: A current cloud sync agent with writeback on
    Given the tenant uses cloud sync, agent 1.1.1370.0, with writeback on
    When the tenant is diagnosed
    Then "cloud-sync-writeback" passes

  Scenario: A cloud sync agent from 2021 provisions a disconnected forest
    Given the tenant uses cloud sync, agent 1.1.587.0, with writeback on
    When the tenant is diagnosed
    Then "cloud-sync-writeback" fails with "cloud-sync-agent-too-old"

  Scenario: Writeback was enabled in Connect Sync but never for cloud sync
    Given the tenant uses cloud sync, agent 1.1.1370.0, with writeback off
    When the tenant is diagnosed
    Then "cloud-sync-writeback" fails with "cloud-sync-writeback-off"

  Scenario: A provisioning agent's version shows cloud sync in use
    Given nothing is known about the tenant
    And a cloud sync provisioning agent 1.1.500.0 runs with its writeback switch off
    When the tenant is diagnosed
    Then the rules conclude that "cloud-sync-in-use" is true
    And "cloud-sync-writeback" fails with "cloud-sync-agent-too-old" for certain

  # Correction (expert review): Set-AADCloudSyncPermissions needs -EACredential.
  Scenario: The remedy restores the gMSA permissions with the documented credential parameter
    Given a healthy hybrid tenant
    And the tenant uses cloud sync, agent 1.1.977.0, with writeback off
    When the tenant is diagnosed
    Then the remedy of "cloud-sync-writeback" says "-EACredential $(Get-Credential)"
