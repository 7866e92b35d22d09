"""What the collectors' own files mean: the connector account's rights and state, RestrictRemoteSam, the AD
connector's partitions, the ADSync service, the event log's "read, nothing found", the cloud, the test user, the
administrators; and the promises of the scripts themselves (proxy credentials scrubbed in every form, Graph's
next page followed only on its own host)."""

from __future__ import annotations

import re

import pytest

from writeback_doctor.commands.collect import collector_script
from writeback_doctor.sources import (
    collector_ad_connector,
    collector_adsync_service,
    collector_cloud,
    collector_connector_account,
    collector_event_log,
    collector_inheritance,
    collector_remote_sam,
    collector_test_user,
    graph_directory_roles,
)
from writeback_doctor.sources.ad_acl import ANY, USER_CLASS, WRITEBACK_RIGHTS, right_on_descendant_users, sddl_allows
from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE

MSOL = "S-1-5-21-1-2-3-1117"
RESET = WRITEBACK_RIGHTS["reset_password"]
PWD_LAST_SET = WRITEBACK_RIGHTS["write_pwd_last_set"]


def rule(rights: str, object_type: str, allow: bool = True, inheritance: str = "Descendents", scope: str = USER_CLASS,
         sid: str = MSOL) -> dict[str, object]:
    return {"IdentityReference": sid, "ActiveDirectoryRights": rights, "AccessControlType": "Allow" if allow else "Deny",
            "ObjectType": object_type, "InheritedObjectType": scope, "InheritanceType": inheritance, "IsInherited": False}


def facts(claims):
    return {path: value for path, value, _ in claims if path != NOTE}


def notes(claims):
    return [value for path, value, _ in claims if path == NOTE]


@pytest.mark.parametrize(("rules", "expected"), [
    ([rule("ExtendedRight", RESET[1])], True),                                       # the right itself
    ([rule("GenericAll", ANY)], True),                                                # full control
    ([rule("ExtendedRight", ANY, scope=ANY, inheritance="All")], True),               # every extended right
    ([rule("ExtendedRight", RESET[1], sid="S-1-5-11")], True),                        # through Authenticated Users
    ([], False),                                                                      # nothing for its SIDs
    ([rule("ReadProperty, WriteProperty", PWD_LAST_SET[1])], False),                  # a right of another kind only
    ([rule("ExtendedRight", WRITEBACK_RIGHTS["change_password"][1])], None),          # another extended right: unsure
    ([rule("ExtendedRight", RESET[1], inheritance="None")], None),                    # the root object only
    ([rule("ExtendedRight", RESET[1]), rule("ExtendedRight", RESET[1], allow=False)], None),   # a Deny as well
    ([rule("ExtendedRight", RESET[1], sid="S-1-5-21-9-9-9-500")], False),             # someone else's right
])
def test_a_right_is_missing_only_when_no_rule_of_its_sids_could_give_it(rules, expected):
    assert right_on_descendant_users(rules, {MSOL, "S-1-1-0", "S-1-5-11"}, *RESET) is expected


def test_the_connector_account_state_and_rights_of_several_forests_combine():
    granted = [rule("ExtendedRight", guid) if kind == "ExtendedRight" else rule("WriteProperty", guid)
               for kind, guid in WRITEBACK_RIGHTS.values()]
    first = {"ADConnectorAccountName": "MSOL_a", "Sid": MSOL, "GroupSids": [], "Enabled": True, "LockedOut": False,
             "PasswordExpired": False, "AccessRules": granted}
    second = dict(first, ADConnectorAccountName="MSOL_b", Sid="S-1-5-21-7-8-9-1117", LockedOut=True, AccessRules=[])
    assert collector_connector_account.recognise([first, second])
    found = facts(collector_connector_account.extract([first, second]))
    assert found["connector_account.locked_out"] is True and found["connector_account.enabled"] is True
    assert found["connector_account.reset_password"] is False          # the second forest's account has nothing
    alone = facts(collector_connector_account.extract(first))
    assert all(alone[f"connector_account.{name}"] is True for name in WRITEBACK_RIGHTS)


@pytest.mark.parametrize(("value", "expected"), [
    (None, True),                                                # no policy: remote SAM calls are not restricted
    ("O:BAG:BAD:(A;;RC;;;BA)", False),                           # the hardened default: administrators only
    (f"O:BAG:BAD:(A;;RC;;;BA)(A;;RC;;;{MSOL})", True),           # the MSOL_ account added
    ("O:BAG:BAD:(A;;RC;;;AU)", True),                            # Authenticated Users
    (f"O:BAG:BAD:(D;;RC;;;{MSOL})(A;;RC;;;AU)", False),          # denied by name
])
def test_restrict_remote_sam_is_read_for_the_connector_accounts_sids(value, expected):
    data = {"Computer": "DC01.contoso.local", "RestrictRemoteSam": value, "ConnectorAccountSids": [MSOL, "S-1-1-0", "S-1-5-11"]}
    assert collector_remote_sam.recognise(data)
    assert facts(collector_remote_sam.extract(data))["connector_account.remote_sam_allowed"] is expected


def test_an_sddl_this_tool_cannot_read_is_a_note_not_a_verdict():
    assert sddl_allows("not an sddl", {MSOL}) is None
    data = {"Computer": "DC01", "RestrictRemoteSam": "garbage", "ConnectorAccountSids": [MSOL]}
    claims = collector_remote_sam.extract(data)
    assert facts(claims) == {} and "not an SDDL" in notes(claims)[0]


def test_preferred_dcs_without_the_pdc_and_signing_off_in_one_partition():
    data = {"PdcEmulator": "DC01.contoso.local", "Partitions": [
        {"Connector": "contoso.local", "Partition": "DC=contoso,DC=local", "PreferredDCs": ["dc02.contoso.local"],
         "SignAndSeal": "1", "SslBind": "0"},
        {"Connector": "contoso.local", "Partition": "DC=emea,DC=contoso,DC=local", "PreferredDCs": "DC03", "SignAndSeal": "0", "SslBind": "0"}]}
    found = facts(collector_ad_connector.extract(data))
    assert found == {"connect.preferred_dcs_only": True, "connect.preferred_dcs_include_pdc": False, "connect.ldap_sign_and_encrypt": False}
    data["Partitions"][0]["PreferredDCs"].append("DC01")
    data["Partitions"][1]["SslBind"] = "1"                       # LDAPS protects the password too
    found = facts(collector_ad_connector.extract(data))
    assert found["connect.preferred_dcs_include_pdc"] is True and found["connect.ldap_sign_and_encrypt"] is True


@pytest.mark.parametrize(("status", "running"), [("Running", True), ("Stopped", False), (4, True), (1, False)])
def test_the_adsync_service_as_text_or_as_the_enum_number(status, running):
    data = {"Name": "ADSync", "DisplayName": "Microsoft Azure AD Sync", "Status": status, "StartType": "Automatic"}
    assert collector_adsync_service.recognise(data)
    assert facts(collector_adsync_service.extract(data)) == {"connect.sync_service_running": running}


def test_a_log_read_with_no_writeback_event_is_an_empty_list_not_an_unknown():
    read = {"LogName": "Application", "StartTime": "2026-12-01T00:00:00Z", "EventCount": 0, "ProvidersFailed": [],
            "ProvidersRead": ["PasswordResetService", "ADSync", "Directory Synchronization"]}
    assert facts(collector_event_log.extract(read)) == {"event_log.events": []}
    failed = dict(read, ProvidersRead=["ADSync", "Directory Synchronization"], ProvidersFailed="PasswordResetService")
    claims = collector_event_log.extract(failed)
    assert facts(claims) == {} and "PasswordResetService" in notes(claims)[0]
    assert facts(collector_event_log.extract(dict(read, EventCount=3))) == {}      # events.json carries them


def test_the_cloud_is_a_fact_only_when_the_admin_named_it():
    assert facts(collector_cloud.extract({"Cloud": "USGov", "Given": True})) == {"tenant.cloud": "usgov"}
    assert facts(collector_cloud.extract({"Cloud": "Global", "Given": False})) == {}
    with pytest.raises(ExportError, match=r"\$\.Cloud"):
        collector_cloud.extract({"Cloud": "Mars", "Given": True})


def test_the_test_user_and_inheritance_searched_across_the_domain():
    user = {"SamAccountName": "alice", "UserPrincipalName": "alice@contoso.com", "AdminCount": 1, "InheritanceDisabled": True,
            "ResultantPasswordPolicy": {"Name": "Staff", "MinPasswordAgeDays": 1.0}, "LockedOut": True}
    claims = collector_test_user.extract(user)
    assert facts(claims) == {"users[alice@contoso.com].is_test_user": True, "users[alice@contoso.com].admin_count_protected": True,
                             "connector_account.inheritance_disabled_on_users": True, "password_policy.fine_grained_minimum_age_days": 1.0}
    assert any("locked out" in note for note in notes(claims))
    none_found = {"SearchBase": "DC=contoso,DC=local", "ObjectClass": "user", "Count": 0, "Objects": []}
    assert facts(collector_inheritance.extract(none_found)) == {"connector_account.inheritance_disabled_on_users": False}
    with pytest.raises(ExportError, match=r"\$\.Objects"):
        collector_inheritance.extract(dict(none_found, Count=2))


def test_directory_role_members_are_administrators_and_nobody_is_claimed_not_to_be_one():
    data = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryRoles(members(id,userPrincipalName))",
            "value": [{"displayName": "Global Administrator", "members": [{"userPrincipalName": "admin@contoso.com"}]},
                      {"displayName": "Helpdesk Administrator", "members": [{"userPrincipalName": "ADMIN@contoso.com"},
                                                                            {"@odata.type": "#microsoft.graph.group", "id": "g"}]}]}
    assert graph_directory_roles.recognise(data)
    assert facts(graph_directory_roles.extract(data)) == {"users[admin@contoso.com].is_admin": True}


def _scrubber() -> tuple[re.Pattern[str], str]:
    """The collector's own Format-ProxyAddress pattern, in Python's spelling (same semantics for this pattern)."""
    text = collector_script("connect-server")
    pattern, replacement = re.search(r"-replace '([^']+)', '([^']+)'\)\s*\n\}", text[text.index("function Format-ProxyAddress"):]).groups()
    return re.compile(pattern.replace("(?<scheme>", "(?P<scheme>")), replacement.replace("${scheme}", r"\g<scheme>")


@pytest.mark.parametrize(("given", "written"), [
    ("http://us@er:pa@ss@proxy:8080", "http://proxy:8080"),          # the reliability review's D13 cases
    ("http://user:p/ss@proxy:8080", "http://proxy:8080"),
    ("user:pass@proxy:8080", "proxy:8080"),
    ("http://proxy.contoso.local:8080", "http://proxy.contoso.local:8080"),
    ("Current WinHTTP proxy settings:\r\n    Proxy Server(s) :  http=u:p@proxy:8080;https=v:q@proxy:8443\r\n",
     "Current WinHTTP proxy settings:\r\n    Proxy Server(s) :  http=proxy:8080;https=proxy:8443\r\n"),
])
def test_proxy_credentials_are_scrubbed_in_every_form(given, written):
    pattern, replacement = _scrubber()
    assert pattern.sub(replacement, given) == written


def test_the_tenant_script_follows_a_next_page_only_on_its_own_graph_host():
    text = collector_script("tenant")
    helper = text[text.index("function Get-GraphJson"):text.index("Import-Module")]
    assert "$target.Scheme -ne 'https' -or $target.Host -ne $GraphHost" in helper and "throw" in helper
    assert "([System.Uri]$Uri).Host -ne $GraphHost" in text
    assert "-Environment $Environments[$Cloud]" in text


def test_the_connect_server_script_declares_personal_data_and_probes_and_runs_under_windows_powershell():
    text = collector_script("connect-server")
    head = text[: text.index("#>")]
    assert "Personal data the folder will hold" in head and "Outbound probes it makes" in head
    assert "$PSVersionTable.PSEdition -eq 'Core'" in text and "WindowsPowerShell\\v1.0\\powershell.exe" in text
    assert "[ValidateSet('Global', 'USGov', 'China')]" in text


def test_who_registered_for_self_service_password_reset():
    from writeback_doctor.sources import graph_registration_details, graph_users

    data = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#reports/authenticationMethods/userRegistrationDetails",
            "value": [{"userPrincipalName": "test.user@contoso.com", "isSsprRegistered": False, "isSsprCapable": False}]}
    assert graph_registration_details.recognise(data) and not graph_users.recognise(data)
    assert facts(graph_registration_details.extract(data)) == {"users[test.user@contoso.com].sspr_registered": False}
    user = {"SamAccountName": "t", "UserPrincipalName": "t@contoso.com", "InheritanceDisabled": False,
            "ResultantPasswordPolicy": None, "AdminCount": None, "CannotChangePassword": True}
    assert facts(collector_test_user.extract(user))["users[t@contoso.com].cannot_change_password"] is True
