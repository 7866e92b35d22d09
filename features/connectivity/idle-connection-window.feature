Feature: The persistent connection gets a few idle minutes before testing
  The article: "Дозволити не діяти для постійного підключення протягом принаймні
  2–3 хвилин" — allow the persistent connection to stay idle for at least 2–3
  minutes (after enabling writeback or restarting the sync service) before
  testing.

  Scenario: Writeback was enabled well before the test
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "idle-connection-window" passes

  Scenario: The admin tested a reset one minute after ticking Password writeback
    Given a healthy hybrid tenant
    But "connect.minutes_since_writeback_enabled" is 1
    When the tenant is diagnosed
    Then "idle-connection-window" fails with "tested-too-soon"

  Scenario: Exactly three minutes have passed since the sync service restarted
    Given a healthy hybrid tenant
    But "connect.minutes_since_writeback_enabled" is 3
    When the tenant is diagnosed
    Then "idle-connection-window" passes

  Scenario: Writeback is off, so there is no connection to wait for
    Given a healthy hybrid tenant
    But "connect.writeback_enabled" is false
    When the tenant is diagnosed
    Then "idle-connection-window" does not apply

  Scenario: Nobody noted when writeback was enabled
    Given a healthy hybrid tenant
    But "connect.minutes_since_writeback_enabled" is unknown
    When the tenant is diagnosed
    Then "idle-connection-window" is unknown for want of "connect.minutes_since_writeback_enabled"
