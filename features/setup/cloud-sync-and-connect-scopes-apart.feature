@setup @microsoft-docs
Feature: Cloud sync and Connect Sync side by side keep their users apart
  Microsoft supports Connect and cloud sync side by side for password writeback "in different
  domains to target different sets of users" (how SSPR writeback works), and one domain synced by
  both only when their scoping filters are mutually exclusive (common hybrid scenarios).

  Background:
    Given a healthy hybrid tenant

  Scenario: The tenant does not use cloud sync
    When the tenant is diagnosed
    Then "cloud-sync-and-connect-scopes-apart" does not apply

  Scenario: A merged company's disconnected forest uses cloud sync, the main forest Connect
    Given the tenant uses cloud sync, agent 1.1.1370.0, with writeback on
    And cloud sync and Connect Sync sync separate domains
    When the tenant is diagnosed
    Then "cloud-sync-and-connect-scopes-apart" passes

  Scenario: A cloud sync pilot was scoped to an OU that Connect Sync still syncs
    Given the tenant uses cloud sync, agent 1.1.1370.0, with writeback on
    And some users are in the scope of both cloud sync and Connect Sync
    When the tenant is diagnosed
    Then "cloud-sync-and-connect-scopes-apart" fails with warning "cloud-sync-and-connect-scopes-overlap"
    And the remedy of "cloud-sync-and-connect-scopes-apart" says "Make the scopes disjoint"

  Scenario: Nobody has compared the two scopes yet
    Given the tenant uses cloud sync, agent 1.1.1370.0, with writeback on
    And nobody has compared the scopes of cloud sync and Connect Sync
    When the tenant is diagnosed
    Then "cloud-sync-and-connect-scopes-apart" is undecided for want of whether the scopes of cloud sync and Connect Sync overlap
