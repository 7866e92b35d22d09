@setup @microsoft-docs
Feature: The AD DS connector account's password is not too long
  Microsoft's "Troubleshoot SSPR writeback": an event that contains "Synchronization Engine
  returned an error hr=800700CE, message=The filename or extension is too long" means:
  "reset the password so that it contains no more than 256 characters".

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "connector-password-length" passes

  Scenario: An unlock failed with hr=800700CE
    Given the Application log holds only PasswordResetService event 31003 with hr=800700CE, the filename or extension is too long
    When the tenant is diagnosed
    Then "connector-password-length" fails with "connector-password-too-long-800700ce"

  Scenario: Nobody has exported the Application log
    Given nobody has exported the Application log
    When the tenant is diagnosed
    Then "connector-password-length" is undecided for want of the Application log
