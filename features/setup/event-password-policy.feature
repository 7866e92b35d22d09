Feature: The Application log shows no password policy refusal on premises
  ADSync 6329 (0x80230619 or LDAP policy control), PasswordResetService 33008 and 31003/31008/31011.

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "event-password-policy" passes

  Scenario: 6329 says the server lacks the LDAP password policy control
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 6329, "source": "ADSync", "code": "none", "detail": "ldap-policy-control-missing"}]
    When the tenant is diagnosed
    Then "event-password-policy" fails with "ldap-policy-control-missing-6329"

  Scenario: 6329 with 0x80230619 after a second change the same day
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 6329, "source": "ADSync", "code": "0x80230619", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-password-policy" fails with "password-restriction-6329"

  Scenario: 33008 after the user picked a too simple password
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 33008, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-password-policy" fails with "ad-password-policy-error-33008"

  Scenario: A reset failed with 31003 and nothing else
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 31003, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-password-policy" fails with "password-set-failed"

  Scenario: An administrator's reset failed with 31011
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 31011, "source": "PasswordResetService", "code": "none", "detail": "none"}]
    When the tenant is diagnosed
    Then "event-password-policy" fails with "password-set-failed"
