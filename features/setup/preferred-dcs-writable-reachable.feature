@setup @microsoft-docs
Feature: The AD connector's preferred domain controllers are writable and reachable
  Microsoft's "Prerequisites for Microsoft Entra Connect": "The domain controller used by
  Microsoft Entra ID must be writable. Using a read-only domain controller (RODC) isn't
  supported, and Microsoft Entra Connect doesn't follow any write redirects."

  Background:
    Given a healthy hybrid tenant

  Scenario: Connect is pinned to writable DCs that all answer
    When the tenant is diagnosed
    Then "preferred-dcs-writable-reachable" passes

  Scenario: The branch-office RODC was added to the preferred list
    Given an RODC is among the preferred domain controllers
    When the tenant is diagnosed
    Then "preferred-dcs-writable-reachable" fails with "preferred-dc-is-rodc"

  Scenario: The only preferred DC was decommissioned
    Given none of the preferred domain controllers answers
    When the tenant is diagnosed
    Then "preferred-dcs-writable-reachable" fails with "no-preferred-dc-reachable"

  Scenario: One of two preferred DCs is behind a firewall
    Given some of the preferred domain controllers do not answer
    When the tenant is diagnosed
    Then "preferred-dcs-writable-reachable" fails with "some-preferred-dcs-unreachable"

  Scenario: The connector is not pinned to preferred domain controllers
    Given the AD connector's 'Only use preferred domain controllers' is off
    And an RODC is among the preferred domain controllers
    When the tenant is diagnosed
    Then "preferred-dcs-writable-reachable" does not apply

  Scenario: Nobody tested the preferred domain controllers
    Given nobody has tested the preferred domain controllers
    When the tenant is diagnosed
    Then "preferred-dcs-writable-reachable" is undecided for want of whether the preferred domain controllers answer
