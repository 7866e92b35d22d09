Feature: The AD DS connector account's password is not too long
  Microsoft's "Troubleshoot SSPR writeback": an event that contains "Synchronization Engine
  returned an error hr=800700CE, message=The filename or extension is too long" means:
  "reset the password so that it contains no more than 256 characters".

  Scenario: The log holds only heartbeats and a successful onboarding
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "connector-password-length" passes

  Scenario: An unlock failed with hr=800700CE
    Given a healthy hybrid tenant
    But "event_log.events" is [{"id": 31003, "source": "PasswordResetService", "code": "0x800700ce", "detail": "none", "message": "Synchronization Engine returned an error hr=800700CE, message=The filename or extension is too long"}]
    When the tenant is diagnosed
    Then "connector-password-length" fails with "connector-password-too-long-800700ce"

  Scenario: Nobody has exported the Application log
    Given a healthy hybrid tenant
    But "event_log.events" is unknown
    When the tenant is diagnosed
    Then "connector-password-length" is unknown for want of "event_log.events"
