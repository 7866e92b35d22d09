Feature: Azure AD Connect reaches the PDC emulator
  The article: "Щоб засіб записування паролів працював Підключення до основного
  емулятора контролера домену, потрібно підключити Azure AD." — for password writeback
  to work, Azure AD Connect must be able to reach the primary domain controller (PDC)
  emulator. Its note: "Якщо основний DC не емулятор PDC, Підключення Azure AD Підключення
  з'єднуватимуться з PDC для записування паролів." — if the preferred DC is not the
  PDC emulator, Azure AD Connect still contacts the PDC emulator for writeback.

  Scenario: The Connect server reaches the PDC emulator, which is on the preferred list
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "pdc-emulator-reachable" passes

  Scenario: No preferred domain controllers are pinned and the PDC emulator answers
    Given a healthy hybrid tenant
    But "connect.preferred_dcs_only" is false
    And "connect.preferred_dcs_include_pdc" is false
    When the tenant is diagnosed
    Then "pdc-emulator-reachable" passes

  Scenario: A firewall between the Connect server and the PDC emulator drops the traffic
    Given a healthy hybrid tenant
    But "connect.pdc_emulator_reachable" is false
    When the tenant is diagnosed
    Then "pdc-emulator-reachable" fails with "pdc-emulator-unreachable"

  Scenario: Connect is pinned to a branch-office DC that is not the PDC emulator
    Given a healthy hybrid tenant
    But "connect.preferred_dcs_include_pdc" is false
    When the tenant is diagnosed
    Then "pdc-emulator-reachable" fails with "preferred-dcs-without-pdc"

  Scenario: The PDC emulator is unreachable and also left off the preferred list
    Given a healthy hybrid tenant
    But "connect.pdc_emulator_reachable" is false
    And "connect.preferred_dcs_include_pdc" is false
    When the tenant is diagnosed
    Then "pdc-emulator-reachable" fails with "pdc-emulator-unreachable"

  Scenario: Nobody has tested the connection to the PDC emulator yet
    Given a healthy hybrid tenant
    But "connect.pdc_emulator_reachable" is unknown
    When the tenant is diagnosed
    Then "pdc-emulator-reachable" is unknown for want of "connect.pdc_emulator_reachable"
