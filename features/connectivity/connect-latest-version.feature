@connectivity @article
Feature: The latest version of Azure AD Connect is installed
  The article: "Завантаження та активація найновішої версії Azure AD Підключення" —
  download and activate the latest version of Azure AD Connect. Connect 1.x is
  retired altogether; a 2.x build older than the newest known release
  (2.5.79.0) gets a warning to upgrade.

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
    Then "connect-latest-version" fails with "connect-not-latest"

  Scenario: Nobody has read the version off AzureADConnect.exe yet
    Given nobody has read the version of Azure AD Connect
    When the tenant is diagnosed
    Then "connect-latest-version" is unknown for want of "connect.version"
