@connectivity @article
Feature: The latest version of Azure AD Connect is installed
  The article: "Завантаження та активація найновішої версії Azure AD Підключення" —
  download and activate the latest version of Azure AD Connect. Connect 1.x stopped
  synchronising on 1 October 2023; since Microsoft's hardening updates the wizard cannot sign in
  below 2.4.18.0 (2.4.21.0 outside the commercial cloud), and since 30 September 2026 every sync
  service fails below 2.5.79.0. The versions and dates are the dated knowledge of
  rules/ruleset.yaml (constants), which the report dates.

  Background:
    Given a healthy hybrid tenant

  Scenario: The Connect server runs the required minimum
    Given Azure AD Connect is version 2.5.79.0
    When the tenant is diagnosed
    Then "connect-latest-version" passes

  # Expert re-review 2026-12-07 (§1 #42a): later releases are known, and no text calls 2.5.79.0 the newest.
  Scenario Outline: The Connect server runs a later release, <version>
    Given Azure AD Connect is version <version>
    When the tenant is diagnosed
    Then "connect-latest-version" passes

    Examples:
      | version   |
      | 2.5.190.0 |
      | 2.6.1.0   |
      | 2.6.79.0  |

  Scenario: An old Azure AD Connect 1.x server is still syncing the forest
    Given Azure AD Connect is version 1.6.16.0
    When the tenant is diagnosed
    Then "connect-latest-version" fails with "connect-v1-retired"
    And the diagnosis of "connect-latest-version" says "stopped synchronising on 1 October 2023"

  # Expert re-review 2026-12-07 (§1 #42b): below 2.5.79.0 every sync service fails since
  # 30 September 2026, a critical (it was an error).
  Scenario: The server was upgraded to 2.x once but has not been updated since
    Given Azure AD Connect is version 2.4.131.0
    When the tenant is diagnosed
    Then "connect-latest-version" fails with critical "connect-below-required-minimum"
    And the diagnosis of "connect-latest-version" says "since 30 September 2026"
    And the diagnosis of "connect-latest-version" does not say "newest"
    And the remedy of "connect-latest-version" says "C:\Program Files\Microsoft Azure Active Directory Connect\AzureADConnect.exe"

  # Correction (expert review): the old rule gave 2.3.20.0 only a warning although its
  # wizard can no longer sign in to Entra ID (harden-update-ad-fs-pingfederate).
  Scenario: A 2.3.20.0 server whose wizard can no longer sign in to Entra ID
    Given Azure AD Connect is version 2.3.20.0
    When the tenant is diagnosed
    Then the diagnoses are, in order:
      | id                     | finding                        | severity |
      | connect-latest-version | connect-wizard-sign-in-blocked | critical |

  Scenario: A US Government tenant on 2.4.18.0, below the 2.4.21.0 that clouds outside the commercial one need
    Given the tenant is in Azure US Government
    And the Connect server reaches passwordreset.microsoftonline.us
    And the Connect server reaches servicebus.usgovcloudapi.net
    And Azure AD Connect is version 2.4.18.0
    When the tenant is diagnosed
    Then "connect-latest-version" fails with "connect-wizard-sign-in-blocked-sovereign-cloud"

  Scenario: A commercial-cloud tenant on 2.4.18.0 meets the wizard minimum but not the synchronisation minimum
    Given Azure AD Connect is version 2.4.18.0
    When the tenant is diagnosed
    Then "connect-latest-version" fails with "connect-below-required-minimum"

  Scenario: Nobody has read the version off AzureADConnect.exe yet
    Given nobody has read the version of Azure AD Connect
    When the tenant is diagnosed
    Then "connect-latest-version" is undecided for want of the version of Azure AD Connect

  # Issue 24 point 5, partial values: a version known only as a range is compared as a range. The
  # rule's findings read "below 2.5.79.0" (and below 2.4.18.0, below 2.0): "2.6 or later" settles
  # every one of them; "2.4 or later" leaves "below 2.5.79.0" open, so the rule waits for the version.
  Scenario: Only "2.6 or later" is known: the version is above every minimum
    Given all anyone knows is that Azure AD Connect is version 2.6 or later
    When the tenant is diagnosed
    Then "connect-latest-version" passes

  Scenario: Only "2.4 or later" is known: below 2.5.79.0 or not stays open
    Given all anyone knows is that Azure AD Connect is version 2.4 or later
    When the tenant is diagnosed
    Then "connect-latest-version" is undecided for want of the version of Azure AD Connect

  Scenario: Only "older than 2.0" is known: a retired 1.x, whatever the exact version
    Given all anyone knows is that Azure AD Connect is older than version 2.0
    When the tenant is diagnosed
    Then "connect-latest-version" fails with "connect-v1-retired"
