Feature: Synced administrators may use self-service password reset
  Current docs (SSPR_009): SSPR for administrators (authorizationPolicy allowedToUseSSPR) is separate
  from the portal's SSPR setting for users.

  Scenario: SSPR for administrators is on
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "sspr-for-administrators" passes

  Scenario: A synced Helpdesk Administrator gets SSPR_009
    Given a healthy hybrid tenant
    But "sspr.enabled_for_admins" is false
    And "users" is [{"name": "it.admin@contoso.com", "source": "synced", "is_admin": true}]
    When the tenant is diagnosed
    Then "sspr-for-administrators" fails with "sspr-disabled-for-admins"

  Scenario: SSPR for administrators is off but every admin is cloud-only
    Given a healthy hybrid tenant
    But "sspr.enabled_for_admins" is false
    And "users" is [{"name": "admin@contoso.onmicrosoft.com", "source": "cloud_only", "is_admin": true}]
    When the tenant is diagnosed
    Then "sspr-for-administrators" passes
