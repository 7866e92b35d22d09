@symptoms @microsoft-docs
Feature: Start where the engineer starts: the error the user saw
  Microsoft's "Troubleshoot error SSPR_0029" lists three causes: a synced administrator in an
  on-premises protected group (by design), an AD DS connector account without the right
  permissions (and, when Connect runs on a domain controller, the legacy NetUserGetInfo API
  whose permissions are hard to get right), and "Network access: Restrict clients allowed to
  make remote calls to SAM". A user's SSPR_0029 is consistent with each of them until it is
  checked; the report names them and asks first what tells them apart.
  https://learn.microsoft.com/en-us/troubleshoot/entra/entra-id/user-prov-sync/password-writeback-error-code-sspr-0029

  Scenario: Users get SSPR_0029 and nothing else is known
    Given nothing is known about the tenant
    And users get SSPR_0029
    When the tenant is diagnosed
    Then the report suspects "connector-account-permissions" for SSPR_0029
    And the report suspects "remote-sam-allows-connector" for SSPR_0029
    And the report suspects "protected-accounts-by-design" for SSPR_0029
    And the report suspects "connect-not-on-domain-controller" for SSPR_0029
    And the first 4 questions ask for "users, connector_account.reset_password, server.is_domain_controller, connector_account.remote_sam_allowed"

  Scenario: Everyone gets SSPR_0029: causes that fail only some users come after those that fail everyone
    Given nothing is known about the tenant
    And users get SSPR_0029
    And everyone who tries is affected
    When the tenant is diagnosed
    Then the report suspects "protected-accounts-by-design" for SSPR_0029
    And the first 4 questions ask for "connector_account.reset_password, connector_account.remote_sam_allowed, server.is_domain_controller, connector_account.unexpire_password"

  Scenario: RestrictRemoteSam checked and clean: one suspect fewer
    Given nothing is known about the tenant
    And users get SSPR_0029
    And RestrictRemoteSam lets the MSOL_ account in
    When the tenant is diagnosed
    Then the report no longer suspects "remote-sam-allows-connector" for SSPR_0029
    And the report suspects "connector-account-permissions" for SSPR_0029

  Scenario: Connect on a domain controller with users getting SSPR_0029 stays a suspect
    Given nothing is known about the tenant
    And users get SSPR_0029
    And Azure AD Connect is installed on a domain controller
    When the tenant is diagnosed
    Then the report suspects "connect-not-on-domain-controller" for SSPR_0029

  Scenario: The connector account cannot reset passwords: SSPR_0029 is explained
    Given nothing is known about the tenant
    And users get SSPR_0029
    And the MSOL_ account lacks Reset password
    When the tenant is diagnosed
    Then "connector-account-permissions" fails with "connector-cannot-reset-password"
    And SSPR_0029 is explained by "connector-account-permissions"

  Scenario: A code Microsoft does not document is carried as unknown and reported as unexplained
    Given nothing is known about the tenant
    And users see "SSPR_0031", a code that is not among those Microsoft documents
    When the tenant is diagnosed
    Then no rule explains unknown: SSPR_0031

  Scenario: A user outside the SSPR group (SSPR_0013) has one cause only: it is reported, provided that it holds
    Given nothing is known about the tenant
    And users get SSPR_0013
    When the tenant is diagnosed
    Then "sspr-enabled" fails with "test-user-outside-sspr-scope", provided that someone confirms who may use self-service password reset, and the list of users

  Scenario: Without a symptom the report has no suspects
    Given the example "nearly-empty"
    When the tenant is diagnosed
    Then the report suspects nothing
