@connectivity @article
Feature: The latest version of Azure AD Connect is installed
  The article: "Завантаження та активація найновішої версії Azure AD Підключення" —
  download and activate the latest version of Azure AD Connect. Connect 1.x is
  retired; since Microsoft's hardening updates (checked 26 November 2026) the wizard cannot
  sign in below 2.4.18.0 (2.4.21.0 outside the commercial cloud) and sync fails below 2.5.79.0.

  Background:
    Given a healthy hybrid tenant

  Scenario: The Connect server runs the newest known release
    Given Azure AD Connect is version 2.5.79.0
    When the tenant is diagnosed
    Then "connect-latest-version" passes

  Scenario: An old Azure AD Connect 1.x server is still syncing the forest
    Given Azure AD Connect is version 1.6.16.0
    When the tenant is diagnosed
    Then "connect-latest-version" fails with "connect-v1-retired"

  Scenario: The server was upgraded to 2.x once but has not been updated since
    Given Azure AD Connect is version 2.4.131.0
    When the tenant is diagnosed
    Then "connect-latest-version" fails with "connect-below-required-minimum"

  # Correction (expert review): the old rule gave 2.3.20.0 only a warning although its
  # wizard can no longer sign in to Entra ID (harden-update-ad-fs-pingfederate).
  Scenario: A 2.3.20.0 server whose wizard can no longer sign in to Entra ID
    Given Azure AD Connect is version 2.3.20.0
    When the tenant is diagnosed
    Then the diagnoses are, in order:
      | id                     | finding                        | severity |
      | connect-latest-version | connect-wizard-sign-in-blocked | error    |

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
