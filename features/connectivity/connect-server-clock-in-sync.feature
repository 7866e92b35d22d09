@connectivity @microsoft-docs
Feature: The Connect server's clock is in sync
  Microsoft's "Unable to configure password writeback" (KB3185990): "This issue occurs if one
  of the following conditions are true: ... The time on the server on which Microsoft Entra
  Connect is installed is out of sync."

  Background:
    Given a healthy hybrid tenant

  Scenario: The clock is within a second of true time
    When the tenant is diagnosed
    Then "connect-server-clock-in-sync" passes

  # Expert re-review 2026-12-07: a skew that stops the configuration and the relay hosts is an
  # error, not a warning.
  Scenario: The virtual machine's clock drifted twelve minutes after a host migration
    Given the Connect server's clock is 720 seconds off
    When the tenant is diagnosed
    Then "connect-server-clock-in-sync" fails with error "connect-server-clock-skewed"
    And the remedy of "connect-server-clock-in-sync" says "/computer:<PDC emulator>"

  Scenario: Nobody compared the server's clock with a time source
    Given nobody has compared the Connect server's clock with a time source
    When the tenant is diagnosed
    Then "connect-server-clock-in-sync" is undecided for want of how far the Connect server's clock is off
