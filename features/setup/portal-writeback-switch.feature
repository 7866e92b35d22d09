@setup @microsoft-docs
Feature: Password writeback is also switched on in the cloud
  Microsoft's tutorial "Enable self-service password reset writeback": "Browse to Entra ID >
  Password reset, then choose On-premises integration. Check the option for Enable password
  write back for synced users."

  Background:
    Given a healthy hybrid tenant

  Scenario: Both switches are on: in the Connect wizard and in the admin center
    When the tenant is diagnosed
    Then "portal-writeback-switch" passes

  Scenario: Writeback was enabled in Connect but nobody ticked the box in the admin center
    Given writeback for synced users is off on the admin center's On-premises integration page
    When the tenant is diagnosed
    Then "portal-writeback-switch" fails with "portal-writeback-switch-off"

  Scenario: Nobody has looked at the On-premises integration page
    Given nobody has looked at the On-premises integration page
    When the tenant is diagnosed
    Then "portal-writeback-switch" is undecided for want of whether writeback for synced users is on in the admin center
