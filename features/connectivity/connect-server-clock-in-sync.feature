Feature: The Connect server's clock is in sync
  Microsoft's "Unable to configure password writeback" (KB3185990): "This issue occurs if one
  of the following conditions are true: ... The time on the server on which Microsoft Entra
  Connect is installed is out of sync."

  Scenario: The clock is within a second of true time
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "connect-server-clock-in-sync" passes

  Scenario: The virtual machine's clock drifted twelve minutes after a host migration
    Given a healthy hybrid tenant
    But "server.clock_skew_seconds" is 720
    When the tenant is diagnosed
    Then "connect-server-clock-in-sync" fails with "connect-server-clock-skewed"

  Scenario: Nobody compared the server's clock with a time source
    Given a healthy hybrid tenant
    But "server.clock_skew_seconds" is unknown
    When the tenant is diagnosed
    Then "connect-server-clock-in-sync" is unknown for want of "server.clock_skew_seconds"
