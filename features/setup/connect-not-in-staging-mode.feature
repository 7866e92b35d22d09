@setup @microsoft-docs
Feature: The Connect server that should write passwords back is not in staging mode
  Microsoft's "Custom installation of Microsoft Entra Connect": "When you enable the staging
  setup, the sync engine imports and synchronizes data as normal. But it exports no data to
  Microsoft Entra ID or Active Directory. In staging mode, the password sync feature and
  password writeback feature are disabled."

  Background:
    Given a healthy hybrid tenant

  Scenario: The facts come from the active Connect server
    When the tenant is diagnosed
    Then "connect-not-in-staging-mode" passes

  Scenario: The engineer collected the facts on the standby server
    Given the Connect server is in staging mode
    When the tenant is diagnosed
    Then "connect-not-in-staging-mode" fails with "staging-mode-server"

  Scenario: Nobody ran Get-ADSyncScheduler
    Given nobody has run Get-ADSyncScheduler
    When the tenant is diagnosed
    Then "connect-not-in-staging-mode" is undecided for want of whether the Connect server is in staging mode
