@setup @microsoft-docs
Feature: The AD connector signs and encrypts its LDAP traffic
  Current docs (error code 8023062C): with "Sign and Encrypt LDAP Traffic" off, domain
  controllers refuse to set passwords; the connector's configuration shows it before a user does.

  Background:
    Given a healthy hybrid tenant

  Scenario: The connector signs and encrypts in every partition
    When the tenant is diagnosed
    Then "ad-connector-signs-ldap" passes

  Scenario: The option was cleared when the partition's credentials were changed
    Given "Sign and Encrypt LDAP Traffic" is off for the AD connector
    When the tenant is diagnosed
    Then "ad-connector-signs-ldap" fails with "ldap-sign-and-encrypt-off"
