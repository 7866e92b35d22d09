Feature: The AD connector signs and encrypts its LDAP traffic
  Microsoft's "Troubleshoot error code 8023062C": writeback "fails and returns an
  8023062C (0x8023062c) error code" because "Microsoft Entra Connect has been configured not
  to require that Lightweight Directory Access Protocol (LDAP) traffic be signed and
  encrypted."

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "ldap-sign-and-encrypt" passes

  Scenario: A reset failed with 0x8023062c after someone cleared Sign and Encrypt
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 6329, "source": "ADSync", "code": "0x8023062c", "detail": "none", "message": "8023062C (0x8023062c): The password could not be set because the server is not configured for insecure setting of passwords, or a 128 bit TLS or SSL connection is required."}]
    When the tenant is diagnosed
    Then "ldap-sign-and-encrypt" fails with "ldap-not-signed-and-encrypted-8023062c"

  Scenario: Nobody has exported the Application log
    Given a healthy hybrid tenant
    But "event_log.events" is unknown
    When the tenant is diagnosed
    Then "ldap-sign-and-encrypt" is unknown for want of "event_log.events"
