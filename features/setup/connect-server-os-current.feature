@setup @microsoft-docs
Feature: Connect runs on a Windows Server that current documentation supports
  The 2021 article accepted Windows Server 2008 R2, 2012 and 2012 R2; current Microsoft documentation
  supports Microsoft Entra Connect on Windows Server 2016, 2019 and 2022 only (2025 not yet).
  Both verdicts are shown side by side, and the current one says that the article accepted the release.

  Background:
    Given a healthy hybrid tenant

  Scenario: Connect runs on Windows Server 2022
    When the tenant is diagnosed
    Then "connect-server-os-current" passes
    And "supported-windows-server" passes

  Scenario: Connect still runs on Windows Server 2012 R2, which the article accepted
    Given the Connect server runs windows-server-2012-r2
    When the tenant is diagnosed
    Then "supported-windows-server" passes
    And "connect-server-os-current" fails with "connect-server-os-before-2016"

  Scenario: Connect runs on Windows Server 2016
    Given the Connect server runs windows-server-2016
    When the tenant is diagnosed
    Then "connect-server-os-current" passes

  Scenario: The Connect server was upgraded in place to Windows Server 2025
    Given the Connect server runs windows-server-2025
    When the tenant is diagnosed
    Then "supported-windows-server" passes
    And "connect-server-os-current" fails with "connect-server-os-2025-unsupported"
