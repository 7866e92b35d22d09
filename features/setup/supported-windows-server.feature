@setup @article
Feature: Azure AD Connect runs on a Windows Server the article supports, fully patched
  The article: "У вас є локальне розгортання Windows Server 2008 R2, Windows Server 2012
  або Windows Server 2012 R2 з найновішими пакетами оновлень" — you have an on-premises
  deployment of Windows Server 2008 R2, 2012 or 2012 R2 with the latest service packs.
  Newer releases meet the article's requirement too.

  Background:
    Given a healthy hybrid tenant

  Scenario: Connect runs on a patched Windows Server 2012 R2
    Given the Connect server runs windows-server-2012-r2
    When the tenant is diagnosed
    Then "supported-windows-server" passes

  Scenario Outline: Connect runs on a patched <release>
    Given the Connect server runs <os>
    When the tenant is diagnosed
    Then "supported-windows-server" passes

    Examples:
      | release                | os                     |
      | Windows Server 2008 R2 | windows-server-2008-r2 |
      | Windows Server 2012    | windows-server-2012    |
      | Windows Server 2016    | windows-server-2016    |
      | Windows Server 2022    | windows-server-2022    |
      | Windows Server 2025    | windows-server-2025    |

  Scenario Outline: Connect still sits on an old <release> box
    Given the Connect server runs <os>
    When the tenant is diagnosed
    Then "supported-windows-server" fails with "windows-server-too-old"

    Examples:
      | release             | os                  |
      | Windows Server 2003 | windows-server-2003 |
      | Windows Server 2008 | windows-server-2008 |

  Scenario: The Connect server has not seen Windows Update for a year
    Given the Connect server is not fully patched
    When the tenant is diagnosed
    Then "supported-windows-server" fails with "windows-server-not-patched"

  Scenario: Nobody has said which Windows runs Connect
    Given nobody has said which Windows runs Connect
    When the tenant is diagnosed
    Then "supported-windows-server" is undecided for want of which Windows runs Connect
