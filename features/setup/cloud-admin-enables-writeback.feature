Feature: Writeback is enabled with a cloud administrator account
  The article: "Переконайтеся, що обліковий запис адміністратора, який використовується
  для ввімкнення записування паролів, – це обліковий запис адміністратора в хмарі
  (створюється в Azure AD, а не в локальній службі AD)." — make sure the administrator
  account used to enable password writeback is a cloud administrator account, created
  in Azure AD and not in on-premises AD.

  Scenario: Writeback was enabled with a cloud-only Global Administrator
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "cloud-admin-enables-writeback" passes

  Scenario: The admin typed in his on-premises domain admin account in the Connect wizard
    Given a healthy hybrid tenant
    But "writeback_admin.source" is "synced"
    When the tenant is diagnosed
    Then "cloud-admin-enables-writeback" fails with "writeback-admin-on-premises"

  Scenario: The cloud account used in the wizard has no admin role
    Given a healthy hybrid tenant
    But "writeback_admin.has_admin_role" is false
    When the tenant is diagnosed
    Then "cloud-admin-enables-writeback" fails with "writeback-admin-without-role"

  Scenario: Nobody remembers which account enabled writeback
    Given a healthy hybrid tenant
    But "writeback_admin.source" is unknown
    When the tenant is diagnosed
    Then "cloud-admin-enables-writeback" is unknown for want of "writeback_admin.source"
