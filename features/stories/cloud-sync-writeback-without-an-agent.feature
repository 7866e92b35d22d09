@stories @public-story @uncovered
Feature: Story: cloud sync writeback switched on with no provisioning agent
  Source: https://github.com/MicrosoftLearning/MD-102T00-Microsoft-365-Endpoint-Administrator/issues/55
  (WigF1, 2023-07-04; fixed in the course on 2023-11-08).
  Reported: a lab step turned on password writeback for cloud sync although no provisioning agent
  was installed; every student saw an error.
  Confirmed: the step was wrong (no agent, nothing to write back through); the course removed it.
  Uncovered: no fact says that no provisioning agent is installed (only an agent's version).

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And cloud sync's own writeback switch is on
    When the tenant is diagnosed
    Then "cloud-sync-writeback" is undecided for want of whether cloud sync provisions users, and its agent's version
