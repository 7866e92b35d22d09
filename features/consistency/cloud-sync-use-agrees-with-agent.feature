@consistency @microsoft-docs
Feature: What is said about cloud sync agrees with the provisioning agent found
  A provisioning agent's version exists only where a Microsoft Entra Connect cloud sync agent is
  installed (verify-sync-tool-version); "cloud sync is not used" beside it is a disagreement.

  Background:
    Given a healthy hybrid tenant

  Scenario: The tenant does not use cloud sync and no agent was found: nothing to compare
    When the tenant is diagnosed
    Then "cloud-sync-use-agrees-with-agent" does not apply

  Scenario: Cloud sync is said not to be used, but an agent is installed
    Given cloud sync is said not to be used, but a provisioning agent 1.1.1370.0 is installed
    When the tenant is diagnosed
    Then "cloud-sync-use-agrees-with-agent" fails with error "cloud-sync-not-used-yet-an-agent"

  Scenario: Cloud sync is used with its agent
    Given the tenant uses cloud sync, agent 1.1.1370.0, with writeback on
    When the tenant is diagnosed
    Then "cloud-sync-use-agrees-with-agent" passes
