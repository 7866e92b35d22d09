@setup @microsoft-docs
Feature: The AD connector signs and encrypts its LDAP traffic
  Microsoft's "Troubleshoot error code 8023062C": writeback "fails and returns an
  8023062C (0x8023062c) error code" because "Microsoft Entra Connect has been configured not
  to require that Lightweight Directory Access Protocol (LDAP) traffic be signed and
  encrypted."

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "ldap-sign-and-encrypt" passes

  Scenario: A reset failed with 0x8023062c after someone cleared Sign and Encrypt
    Given the Application log holds only ADSync event 6329 with 0x8023062c, a 128 bit TLS or SSL connection is required
    When the tenant is diagnosed
    Then "ldap-sign-and-encrypt" fails with "ldap-not-signed-and-encrypted-8023062c"

  Scenario: Nobody has exported the Application log
    Given nobody has exported the Application log
    When the tenant is diagnosed
    Then "ldap-sign-and-encrypt" is undecided for want of the Application log
