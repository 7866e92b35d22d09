Feature: No password filter on the domain controllers refuses the written-back passwords
  Microsoft's "Troubleshoot password resets that are blocked by on-premises policy": "Is the
  entered password compliant with the local Active Directory password policy, but the issue
  persists? If so, check whether you're using Microsoft Entra Password Protection in your
  on-premises AD DS environment, or if you have any third-party password filter software
  installed on your domain controllers."

  Scenario: No password filter runs on the domain controllers
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" passes

  Scenario: Entra Password Protection only audits
    Given a healthy hybrid tenant
    But "domain_controllers.entra_password_protection" is "audit"
    And "event_log.events" is [{"id": 33008, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" passes

  Scenario: Entra Password Protection is enforced and a reset was refused by policy
    Given a healthy hybrid tenant
    But "domain_controllers.entra_password_protection" is "enforced"
    And "event_log.events" is [{"id": 33008, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" fails with "password-protection-refuses"

  Scenario: A third-party filter is installed and ADSync logged 0x80230619
    Given a healthy hybrid tenant
    But "domain_controllers.third_party_password_filter" is true
    And "event_log.events" is [{"id": 6329, "source": "ADSync", "code": "0x80230619", "detail": "none"}]
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" fails with "third-party-filter-refuses"

  Scenario: Entra Password Protection is enforced but nothing has been refused yet
    Given a healthy hybrid tenant
    But "domain_controllers.entra_password_protection" is "enforced"
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" fails with "password-filter-present"

  Scenario: Nobody knows which password filters the domain controllers run
    Given a healthy hybrid tenant
    But "domain_controllers.entra_password_protection" is unknown
    When the tenant is diagnosed
    Then "password-filter-on-domain-controllers" is unknown for want of "domain_controllers.entra_password_protection"
