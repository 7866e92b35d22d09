<#
.SYNOPSIS
    writeback-doctor collector for the Microsoft Entra Connect Sync (Azure AD Connect) server. Read-only.

.DESCRIPTION
    Writes, into one folder, every export that `diagnose FOLDER` reads about password writeback on
    this server: the PasswordResetService / ADSync / Directory Synchronization events of the last
    -Days days (and a record that the log was read, also when it held none), the tenant's own
    Service Bus namespace (read from event 31019, then tested on port 443 in the -Cloud you name),
    the proxy the sync service uses (machine.config defaultProxy of .NET Framework 4, netsh
    winhttp), staging mode, the connectors, the AD DS connector account (Get-ADSyncADConnectorAccount)
    with its state (enabled, locked out, password expired) and its rights on the domain root, the
    AD connector's preferred domain controllers and "Sign and Encrypt LDAP Traffic" setting, the
    ADSync service, the writeback switch, the domain and its password policies (default,
    fine-grained, and the one that applies to -TestUser), users with permission inheritance
    disabled, RestrictRemoteSam on the PDC emulator, the members of "Pre-Windows 2000 Compatible
    Access", whether this server is a domain controller, and its OS, .NET Framework release, TLS 1.2
    registry values, Connect version (the default folder, else the registry) and clock offset
    (against the PDC emulator, else time.windows.com).

    It changes nothing and writes no secret: no password, key or token is read, and a proxy
    address is written without any user name or password in it. Each step runs on its own: when
    one fails (a module missing, access denied), the reason goes into notes.txt and the next
    step runs.

    Personal data the folder will hold (treat it as the customer's data): user names inside event
    messages; the AD DS connector account's name, SID and group SIDs; -TestUser's name, UPN and
    distinguished name; the distinguished names of users with inheritance disabled and of the
    members of Pre-Windows 2000 Compatible Access; this server's and the domain controllers' names.

    Outbound probes it makes (nothing else leaves the server): TCP 443 to the password reset
    service and to the tenant's Service Bus namespace of -Cloud (Test-NetConnection); TCP 389 to the
    PDC emulator; NTP (w32tm /stripchart) to the PDC emulator, and to time.windows.com only when the
    PDC does not answer; the remote registry of the PDC emulator (RestrictRemoteSam); LDAP reads of
    the domain (ActiveDirectory module).

    Run it in Windows PowerShell 5.1 on the Connect server (started from PowerShell 7 it runs itself
    again in Windows PowerShell, whose ADSync objects are not deserialised), in an elevated session of
    an account in the ADSyncAdmins group (the ADSync cmdlets), allowed to read the Application log,
    with the ActiveDirectory module (RSAT-AD-PowerShell) installed. Reading the fine-grained
    password policies needs a domain administrator (otherwise none are listed).
    Then copy the folder to the engineer and run: diagnose FOLDER

.PARAMETER OutputFolder
    Where to write the exports (created if missing).

.PARAMETER Days
    How many days of events to export (1-60, default 7).

.PARAMETER Cloud
    The tenant's cloud: Global (default), USGov (Azure US Government) or China (21Vianet). It
    chooses the endpoints tested and is written out as a fact.

.PARAMETER TestUser
    The sAMAccountName or UPN of the user who tests password reset: its adminCount, permission
    inheritance, resultant password policy and the connector account's rights on it are read.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File .\connect-server.ps1 -OutputFolder C:\Temp\writeback -Days 3 -TestUser alice
#>
[CmdletBinding()]
param(
    [string]$OutputFolder = (Join-Path -Path (Get-Location).Path -ChildPath ('writeback-doctor-' + $env:COMPUTERNAME)),
    [ValidateRange(1, 60)]
    [int]$Days = 7,
    [ValidateSet('Global', 'USGov', 'China')]
    [string]$Cloud = 'Global',
    [string]$TestUser,
    [Parameter(DontShow = $true)]
    [switch]$CloudGiven
)

$ErrorActionPreference = 'Stop'
if ($PSVersionTable.PSEdition -eq 'Core') {
    # ADSync is a Windows PowerShell module: under PowerShell 7 its objects come back deserialised through the
    # compatibility session (the connector account would silently go missing), so the collection runs in 5.1.
    $relaunch = @('-NoProfile', '-ExecutionPolicy', 'Bypass', '-File', $PSCommandPath, '-OutputFolder', $OutputFolder,
        '-Days', $Days, '-Cloud', $Cloud)
    if ($PSBoundParameters.ContainsKey('Cloud')) { $relaunch += @('-CloudGiven') }
    if ($TestUser) { $relaunch += @('-TestUser', $TestUser) }
    & (Join-Path -Path $env:windir -ChildPath 'System32\WindowsPowerShell\v1.0\powershell.exe') @relaunch
    exit $LASTEXITCODE
}
$null = New-Item -ItemType Directory -Path $OutputFolder -Force
$NotesFile = Join-Path -Path $OutputFolder -ChildPath 'notes.txt'
$Utf8 = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false
$Endpoints = @{
    # the password reset service and the Service Bus domain of each cloud (troubleshoot-sspr-writeback, network requirements)
    Global = @{ ResetHost = 'passwordreset.microsoftonline.com'; ServiceBus = 'servicebus.windows.net' }
    USGov  = @{ ResetHost = 'passwordreset.microsoftonline.us'; ServiceBus = 'servicebus.usgovcloudapi.net' }
    China  = @{ ResetHost = $null; ServiceBus = 'servicebus.chinacloudapi.cn' }
}
$CloudNamed = $CloudGiven -or $PSBoundParameters.ContainsKey('Cloud')

function Write-Note {
    param([string]$Text)
    $line = '{0:u} {1}' -f (Get-Date).ToUniversalTime(), $Text
    [System.IO.File]::AppendAllText($NotesFile, $line + [Environment]::NewLine, $Utf8)
    Write-Host $Text
}

function Save-Export {
    # One export file: ConvertTo-Json of what the pipeline gave, as UTF-8; nothing given, no file (and a note).
    param([string]$Name, [int]$Depth, [Parameter(ValueFromPipeline = $true)]$InputObject)
    begin { $items = New-Object -TypeName System.Collections.ArrayList }
    process { if ($null -ne $InputObject) { $null = $items.Add($InputObject) } }
    end {
        if ($items.Count -eq 0) {
            Write-Note ("{0}: the command returned nothing; no file written" -f $Name)
            return
        }
        if ($items.Count -eq 1) { $json = ConvertTo-Json -InputObject $items[0] -Depth $Depth }
        else { $json = ConvertTo-Json -InputObject $items.ToArray() -Depth $Depth }
        [System.IO.File]::WriteAllText((Join-Path -Path $OutputFolder -ChildPath $Name), $json, $Utf8)
        Write-Note ("{0}: {1} object(s) written" -f $Name, $items.Count)
    }
}

function Invoke-Step {
    # Runs one step; a failure is written to notes.txt with its reason, and the collection goes on.
    param([string]$Name, [scriptblock]$Body)
    try {
        & $Body
    }
    catch {
        Write-Note ("{0}: FAILED: {1}" -f $Name, $_.Exception.Message)
    }
}

function Get-ServiceBusHost {
    # The Service Bus host an event message names: a full <namespace>.servicebus.<cloud> host, or "Namespace: <name>".
    param([string]$Message)
    if ($Message -match '(?i)\b([a-z0-9][a-z0-9-]*\.servicebus\.(windows\.net|usgovcloudapi\.net|chinacloudapi\.cn))\b') {
        return $Matches[1].ToLowerInvariant()
    }
    if ($Message -match '(?i)\bnamespace\s*[:=]\s*([a-z0-9][a-z0-9-]*)\b') {
        return ($Matches[1].ToLowerInvariant() + '.' + $Endpoints[$Cloud].ServiceBus)
    }
    return $null
}

function ConvertTo-RuleRecord {
    # One access rule of an AD object's ACL as the importer reads it: the SID, rights and enums as text, GUIDs as text.
    param($Rule)
    return [ordered]@{
        IdentityReference     = $Rule.IdentityReference.Value
        ActiveDirectoryRights = [string]$Rule.ActiveDirectoryRights
        AccessControlType     = [string]$Rule.AccessControlType
        ObjectType            = $Rule.ObjectType.ToString()
        InheritedObjectType   = $Rule.InheritedObjectType.ToString()
        InheritanceType       = [string]$Rule.InheritanceType
        IsInherited           = $Rule.IsInherited
    }
}

function Format-ProxyAddress {
    # A proxy address, or a text listing proxies (netsh), without any user name or password in it: in every form
    # (scheme://user:pass@host, user:pass@host, http=user:pass@host;...), whatever '@' or '/' the password holds.
    param([string]$Address)
    if ([string]::IsNullOrEmpty($Address)) { return $null }
    return ($Address -replace '(?i)(?<scheme>\b[a-z][a-z0-9+.-]*://)?[^\s;=,]*@', '${scheme}')
}

Write-Note ("writeback-doctor connect-server collector on {0}, PowerShell {1}, last {2} day(s) of events, cloud {3}" -f $env:COMPUTERNAME, $PSVersionTable.PSVersion, $Days, $Cloud)

Invoke-Step -Name 'cloud.json' -Body {
    # the cloud the endpoints are tested in; a fact only when -Cloud was given (else the events name it)
    [ordered]@{ Cloud = $Cloud; Given = [bool]$CloudNamed; PasswordResetHost = $Endpoints[$Cloud].ResetHost
        ServiceBusDomain = $Endpoints[$Cloud].ServiceBus } | Save-Export -Name 'cloud.json' -Depth 2
}

# --- Application log: the writeback providers' events (Get-WinEvent) -----------------------------
$script:Events = @()
Invoke-Step -Name 'events.json' -Body {
    $since = (Get-Date).AddDays(-$Days)
    $found = New-Object -TypeName System.Collections.ArrayList
    $read = New-Object -TypeName System.Collections.ArrayList
    $failed = New-Object -TypeName System.Collections.ArrayList
    foreach ($provider in @('PasswordResetService', 'ADSync', 'Directory Synchronization')) {
        try {
            $records = Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = $provider; StartTime = $since } -ErrorAction Stop
            foreach ($record in $records) { $null = $found.Add($record) }
            $null = $read.Add($provider)
        }
        catch {
            if ($_.FullyQualifiedErrorId -like 'NoMatchingEventsFound*') { $null = $read.Add($provider) }
            else {
                $null = $failed.Add($provider)
                Write-Note ("events.json: {0}: {1}" -f $provider, $_.Exception.Message)
            }
        }
    }
    $script:Events = @($found | Select-Object -Property 'TimeCreated', 'Id', 'ProviderName', 'LevelDisplayName', 'Message')
    $script:Events | Save-Export -Name 'events.json' -Depth 2
    # the record that the log was read: "no event" is then an answer, not a gap
    [ordered]@{ LogName = 'Application'; StartTime = $since.ToUniversalTime().ToString('o'); ProvidersRead = $read.ToArray()
        ProvidersFailed = $failed.ToArray(); EventCount = $script:Events.Count } | Save-Export -Name 'eventlog.json' -Depth 3
}

# --- the tenant's own Service Bus namespace (event 31019, else 31034), then the network tests ----
$script:Namespace = $null
Invoke-Step -Name 'service bus namespace' -Body {
    foreach ($id in @(31019, 31034)) {
        $named = @($script:Events | Where-Object { $_.ProviderName -eq 'PasswordResetService' -and $_.Id -eq $id } |
            Sort-Object -Property TimeCreated -Descending)
        foreach ($record in $named) {
            $found = Get-ServiceBusHost -Message ([string]$record.Message)
            if ($found) { $script:Namespace = $found; break }
        }
        if ($script:Namespace) { break }
    }
    if ($script:Namespace) {
        Write-Note ("service bus namespace: {0} (from the newest PasswordResetService event that names it)" -f $script:Namespace)
    }
    else {
        Write-Note 'service bus namespace: no event 31019 or 31034 names it in this period; it is not tested (no sample namespace is tested in its place)'
    }
}

$script:Pdc = $null
Invoke-Step -Name 'addomain.json' -Body {
    Import-Module -Name ActiveDirectory -ErrorAction Stop
    $domain = Get-ADDomain
    $script:Pdc = $domain.PDCEmulator
    $domain | Save-Export -Name 'addomain.json' -Depth 2
}

Invoke-Step -Name 'netconnection.json' -Body {
    $targets = New-Object -TypeName System.Collections.ArrayList
    $resetHost = $Endpoints[$Cloud].ResetHost
    if ($script:Namespace -and $script:Namespace.EndsWith('.usgovcloudapi.net')) { $resetHost = 'passwordreset.microsoftonline.us' }
    if ($resetHost) { $null = $targets.Add(@($resetHost, 443)) }
    if ($script:Namespace) { $null = $targets.Add(@($script:Namespace, 443)) }
    if ($script:Pdc) { $null = $targets.Add(@($script:Pdc, 389)) }
    $results = foreach ($target in $targets) {
        try {
            Test-NetConnection -ComputerName $target[0] -Port $target[1] -WarningAction SilentlyContinue |
                Select-Object -Property 'ComputerName', @{ n = 'RemoteAddress'; e = { if ($_.RemoteAddress) { $_.RemoteAddress.IPAddressToString } } }, 'RemotePort', 'TcpTestSucceeded'
        }
        catch {
            Write-Note ("netconnection.json: {0}:{1}: {2}" -f $target[0], $target[1], $_.Exception.Message)
        }
    }
    Write-Note 'netconnection.json: Test-NetConnection does not use the proxy the sync service uses (see proxy.json)'
    $results | Save-Export -Name 'netconnection.json' -Depth 2
}

# --- the proxy the sync service uses --------------------------------------------------------------
Invoke-Step -Name 'proxy.json' -Body {
    $machineConfig = Join-Path -Path $env:windir -ChildPath 'Microsoft.NET\Framework64\v4.0.30319\Config\machine.config'
    $machine = [ordered]@{ Path = $machineConfig }
    try {
        $xml = New-Object -TypeName System.Xml.XmlDocument
        $xml.Load($machineConfig)
        $element = $xml.SelectSingleNode('/configuration/system.net/defaultProxy')
        if ($null -eq $element) {
            $machine.DefaultProxy = $null
        }
        else {
            $proxy = $element.SelectSingleNode('proxy')
            $attribute = { param($node, $name) if ($null -ne $node -and $node.HasAttribute($name)) { $node.GetAttribute($name) } else { $null } }
            $machine.DefaultProxy = [ordered]@{
                Enabled               = & $attribute $element 'enabled'
                UseDefaultCredentials = & $attribute $element 'useDefaultCredentials'
                ProxyAddress          = Format-ProxyAddress -Address (& $attribute $proxy 'proxyaddress')
                UseSystemDefault      = & $attribute $proxy 'usesystemdefault'
                BypassOnLocal         = & $attribute $proxy 'bypassonlocal'
                ScriptLocation        = Format-ProxyAddress -Address (& $attribute $proxy 'scriptLocation')
                AutoDetect            = & $attribute $proxy 'autoDetect'
            }
        }
    }
    catch {
        $machine.Error = $_.Exception.Message
        Write-Note ("proxy.json: machine.config: {0}" -f $_.Exception.Message)
    }
    $winhttp = [ordered]@{ Command = 'netsh winhttp show proxy' }
    try {
        $text = (& netsh.exe winhttp show proxy 2>&1 | Out-String)
        $winhttp.Output = Format-ProxyAddress -Address $text
    }
    catch {
        $winhttp.Error = $_.Exception.Message
        Write-Note ("proxy.json: netsh: {0}" -f $_.Exception.Message)
    }
    [ordered]@{ MachineConfig = $machine; WinHttp = $winhttp } | Save-Export -Name 'proxy.json' -Depth 4
}

# --- this server ------------------------------------------------------------------------------------
Invoke-Step -Name 'computersystem.json' -Body {
    Get-CimInstance -ClassName Win32_ComputerSystem |
        Select-Object -Property 'Name', 'Domain', 'PartOfDomain', 'DomainRole' |
        Save-Export -Name 'computersystem.json' -Depth 2
}

Invoke-Step -Name 'serverinfo.json' -Body {
    # the OS, the .NET Framework release, the registry values of Microsoft's TLS 1.2 check script, the Connect version
    $info = [ordered]@{}
    try {
        $os = Get-CimInstance -ClassName Win32_OperatingSystem
        $info.OperatingSystem = [ordered]@{ Caption = $os.Caption; Version = $os.Version; BuildNumber = $os.BuildNumber; ProductType = $os.ProductType }
    }
    catch { $info.OperatingSystem = [ordered]@{ Error = $_.Exception.Message } }
    try {
        $release = (Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' -Name 'Release').Release
        $info.DotNetFramework = [ordered]@{ Release = $release }
    }
    catch { $info.DotNetFramework = [ordered]@{ Error = $_.Exception.Message } }
    $rows = New-Object -TypeName System.Collections.ArrayList
    # TLS 1.2 for .NET Framework 4 (both registry views) and for the OS (SCHANNEL Server and Client), the values
    # 'TLS 1.2 enforcement for Microsoft Entra Connect' sets; Part says which of the two each value belongs to
    $values = @(
        @('HKLM:\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319', 'SystemDefaultTlsVersions', 'dotnet'),
        @('HKLM:\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319', 'SchUseStrongCrypto', 'dotnet'),
        @('HKLM:\SOFTWARE\Microsoft\.NETFramework\v4.0.30319', 'SystemDefaultTlsVersions', 'dotnet'),
        @('HKLM:\SOFTWARE\Microsoft\.NETFramework\v4.0.30319', 'SchUseStrongCrypto', 'dotnet'),
        @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server', 'Enabled', 'os'),
        @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server', 'DisabledByDefault', 'os'),
        @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client', 'Enabled', 'os'),
        @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client', 'DisabledByDefault', 'os')
    )
    foreach ($value in $values) {
        $item = Get-ItemProperty -Path $value[0] -Name $value[1] -ErrorAction SilentlyContinue
        $found = 'Not Found'
        if ($null -ne $item) { $found = $item.($value[1]) }
        $null = $rows.Add([ordered]@{ Path = $value[0]; Name = $value[1]; Value = $found; Part = $value[2] })
    }
    $info.Tls12 = $rows.ToArray()
    $exe = Join-Path -Path $env:ProgramFiles -ChildPath 'Microsoft Azure Active Directory Connect\AzureADConnect.exe'
    if (Test-Path -LiteralPath $exe) {
        $info.AzureADConnect = [ordered]@{ Path = $exe; ProductVersion = (Get-Item -LiteralPath $exe).VersionInfo.ProductVersion }
    }
    else {
        # a custom install folder: the version Connect records in the registry
        $registry = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect' -Name 'Version' -ErrorAction SilentlyContinue
        if ($null -ne $registry -and $registry.Version) {
            $info.AzureADConnect = [ordered]@{ Path = 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect\Version'; ProductVersion = [string]$registry.Version }
        }
        else {
            Write-Note ("serverinfo.json: {0} not found and no Version in the registry: the Connect version is left to the interview" -f $exe)
        }
    }
    # the offset against the PDC emulator (reachable over NTP inside the domain), else time.windows.com (UDP 123 out)
    $timeSources = @('time.windows.com')
    if ($script:Pdc) { $timeSources = @($script:Pdc, 'time.windows.com') }
    foreach ($timeSource in $timeSources) {
        try {
            $samples = (& w32tm.exe /stripchart /computer:$timeSource /samples:3 /dataonly 2>&1 | Out-String)
            $info.Clock = [ordered]@{ Command = ('w32tm /stripchart /computer:{0} /samples:3 /dataonly' -f $timeSource); Output = $samples }
            if ($samples -match '[+-]\d+[.,]\d+s') { break }
        }
        catch { $info.Clock = [ordered]@{ Error = $_.Exception.Message } }
    }
    try {
        $info.TimeStatus = [ordered]@{ Command = 'w32tm /query /status'; Output = (& w32tm.exe /query /status 2>&1 | Out-String) }
    }
    catch { $info.TimeStatus = [ordered]@{ Error = $_.Exception.Message } }
    $info | Save-Export -Name 'serverinfo.json' -Depth 4
}

# --- ADSync module: connectors and their accounts, the writeback switch, staging mode -----------
$script:Connectors = @()
Invoke-Step -Name 'connectors.json' -Body {
    Import-Module -Name ADSync -ErrorAction Stop
    $script:Connectors = @(Get-ADSyncConnector)
    $script:Connectors | Select-Object -Property 'Identifier', 'Name', 'Type', 'Subtype', 'Version', 'CreationTime', 'LastModificationTime',
        @{ n = 'ConnectorAccount'; e = {
                # the AD DS connector account (domain\user); never its password
                try {
                    if ($_.Type -eq 'AD') {
                        '{0}\{1}' -f $_.ConnectivityParameters['forest-login-domain'].Value, $_.ConnectivityParameters['forest-login-user'].Value
                    }
                }
                catch { $null }
            }
        } | Save-Export -Name 'connectors.json' -Depth 2
}

Invoke-Step -Name 'writeback.json' -Body {
    $entra = @($script:Connectors | Where-Object { $_.Name -like '*- AAD' -or $_.Subtype -like '*Azure Active Directory*' })
    if ($entra.Count -eq 0) { throw 'no Microsoft Entra connector found (Get-ADSyncConnector)' }
    if ($entra.Count -gt 1) { Write-Note ("writeback.json: {0} Microsoft Entra connectors; only {1} is read" -f $entra.Count, $entra[0].Name) }
    Get-ADSyncAADPasswordResetConfiguration -Connector $entra[0].Name | Save-Export -Name 'writeback.json' -Depth 2
}

Invoke-Step -Name 'scheduler.json' -Body {
    Get-ADSyncScheduler | Save-Export -Name 'scheduler.json' -Depth 2
}

# --- Active Directory: password policies, Pre-Windows 2000 Compatible Access --------------------
Invoke-Step -Name 'passwordpolicy.json' -Body {
    Get-ADDefaultDomainPasswordPolicy | Save-Export -Name 'passwordpolicy.json' -Depth 2
}

Invoke-Step -Name 'finegrained.json' -Body {
    $policies = @(Get-ADFineGrainedPasswordPolicy -Filter *)
    if ($policies.Count -eq 0) {
        Write-Note 'finegrained.json: no fine-grained password policy listed (none exists, or this account may not read them)'
    }
    $policies | Save-Export -Name 'finegrained.json' -Depth 2
}

Invoke-Step -Name 'pre2000.json' -Body {
    $groupSid = 'S-1-5-32-554'
    try {
        $members = @(Get-ADGroupMember -Identity $groupSid |
            Select-Object -Property 'name', @{ n = 'SID'; e = { $_.SID.Value } }, 'objectClass', 'distinguishedName')
    }
    catch {
        # Get-ADGroupMember can fail on foreign security principals: read the member attribute instead
        Write-Note ("pre2000.json: Get-ADGroupMember: {0}; reading the group's member attribute" -f $_.Exception.Message)
        $members = @((Get-ADGroup -Identity $groupSid -Properties member).member |
            ForEach-Object { [ordered]@{ distinguishedName = [string]$_ } })
    }
    [ordered]@{ Group = 'Pre-Windows 2000 Compatible Access'; GroupSid = $groupSid; Members = $members } |
        Save-Export -Name 'pre2000.json' -Depth 4
}

# --- the ADSync service, the AD connector's domain controller settings ------------------------------
Invoke-Step -Name 'adsyncservice.json' -Body {
    Get-Service -Name 'ADSync' | Select-Object -Property 'Name', 'DisplayName', @{ n = 'Status'; e = { [string]$_.Status } },
        @{ n = 'StartType'; e = { [string]$_.StartType } } | Save-Export -Name 'adsyncservice.json' -Depth 2
}

Invoke-Step -Name 'adconnector.json' -Body {
    # The AD connector's partition settings (preferred domain controllers, "Sign and Encrypt LDAP Traffic") are in
    # the server configuration that Get-ADSyncServerConfiguration exports (the shape AADConnectConfigDocumenter reads).
    $export = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('wd-adsync-' + [guid]::NewGuid().ToString('N'))
    try {
        Get-ADSyncServerConfiguration -Path $export | Out-Null
        $partitions = New-Object -TypeName System.Collections.ArrayList
        foreach ($file in @(Get-ChildItem -Path (Join-Path -Path $export -ChildPath 'Connectors') -Filter '*.xml')) {
            $xml = New-Object -TypeName System.Xml.XmlDocument
            $xml.Load($file.FullName)
            $ma = $xml.SelectSingleNode('//ma-data')
            if ($null -eq $ma -or $ma.SelectSingleNode('category').InnerText -ne 'AD') { continue }
            foreach ($partition in @($ma.SelectNodes('ma-partition-data/partition[selected = 1]'))) {
                $data = $partition.SelectSingleNode('custom-data/adma-partition-data')
                $null = $partitions.Add([ordered]@{
                        Connector    = $ma.SelectSingleNode('name').InnerText
                        Partition    = $partition.SelectSingleNode('name').InnerText
                        PreferredDCs = @($partition.SelectNodes('custom-data/adma-partition-data/preferred-dcs/preferred-dc') | ForEach-Object { $_.InnerText })
                        SignAndSeal  = if ($null -ne $data -and $null -ne $data.SelectSingleNode('sign-and-seal')) { $data.SelectSingleNode('sign-and-seal').InnerText } else { $null }
                        SslBind      = if ($null -ne $data -and $null -ne $data.SelectSingleNode('ssl-bind')) { $data.SelectSingleNode('ssl-bind').InnerText } else { $null }
                        LastDC       = if ($null -ne $data -and $null -ne $data.SelectSingleNode('last-dc')) { $data.SelectSingleNode('last-dc').InnerText } else { $null }
                    })
            }
        }
        [ordered]@{ PdcEmulator = $script:Pdc; Partitions = $partitions.ToArray() } | Save-Export -Name 'adconnector.json' -Depth 4
    }
    finally {
        if (Test-Path -LiteralPath $export) { [System.IO.Directory]::Delete($export, $true) }
    }
}

# --- the AD DS connector account: its state and its rights on the domain root ----------------------
$script:ConnectorSids = @()
Invoke-Step -Name 'connectoraccount.json' -Body {
    Import-Module -Name ActiveDirectory -ErrorAction Stop
    $config = Join-Path -Path $env:ProgramFiles -ChildPath 'Microsoft Azure Active Directory Connect\AdSyncConfig\AdSyncConfig.psm1'
    if (Test-Path -LiteralPath $config) { Import-Module -Name $config -ErrorAction Stop }
    $accounts = @(Get-ADSyncADConnectorAccount)
    if ($accounts.Count -eq 0) { throw 'Get-ADSyncADConnectorAccount returned no AD DS connector account' }
    $domain = Get-ADDomain
    # the rights password writeback needs, on user objects (Set-ADSyncPasswordWritebackPermissions grants these)
    $rights = [ordered]@{
        '00299570-246d-11d0-a768-00aa006e0529' = 'Reset Password'
        'ab721a53-1e2f-11d0-9819-00aa0040529b' = 'Change Password'
        'ccc2dc7d-a6ad-4a7a-8846-c04e3cc53501' = 'Unexpire Password'
        '28630ebf-41d5-11d1-a9c1-0000f80367c1' = 'lockoutTime'
        'bf967a0a-0de6-11d0-a285-00aa003049e2' = 'pwdLastSet'
    }
    $results = foreach ($account in $accounts) {
        $user = Get-ADUser -Identity $account.ADConnectorAccountName -Server $account.ADConnectorAccountDomain -Properties 'Enabled', 'LockedOut', 'PasswordExpired', 'PasswordNeverExpires', 'AccountExpirationDate', 'tokenGroups', 'objectSid'
        $sids = @($user.objectSid.Value) + @($user.tokenGroups | ForEach-Object { $_.Value }) + @('S-1-1-0', 'S-1-5-11')
        $script:ConnectorSids = $script:ConnectorSids + $sids
        $acl = Get-Acl -Path ('AD:\' + $domain.DistinguishedName)
        $entries = @($acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]) |
            Where-Object { $sids -contains $_.IdentityReference.Value } |
            ForEach-Object { ConvertTo-RuleRecord -Rule $_ })
        [ordered]@{
            ADConnectorAccountName   = $account.ADConnectorAccountName
            ADConnectorAccountDomain = $account.ADConnectorAccountDomain
            Sid                      = $user.objectSid.Value
            GroupSids                = @($user.tokenGroups | ForEach-Object { $_.Value })
            Enabled                  = $user.Enabled
            LockedOut                = $user.LockedOut
            PasswordExpired          = $user.PasswordExpired
            PasswordNeverExpires     = $user.PasswordNeverExpires
            AccountExpirationDate    = if ($user.AccountExpirationDate) { $user.AccountExpirationDate.ToUniversalTime().ToString('o') } else { $null }
            DomainRoot               = $domain.DistinguishedName
            Rights                   = $rights
            AccessRules              = $entries
        }
    }
    $results | Save-Export -Name 'connectoraccount.json' -Depth 5
}

Invoke-Step -Name 'inheritance.json' -Body {
    # every user object whose permission inheritance is disabled: the connector account's rights do not reach it
    $base = (Get-ADDomain).DistinguishedName
    $found = @(Get-ADSyncObjectsWithInheritanceDisabled -SearchBase $base -ObjectClass 'user' | ForEach-Object { [string]$_.DistinguishedName })
    [ordered]@{ SearchBase = $base; ObjectClass = 'user'; Count = $found.Count; Objects = $found } | Save-Export -Name 'inheritance.json' -Depth 3
}

Invoke-Step -Name 'remotesam.json' -Body {
    # "Network access: Restrict clients allowed to make remote calls to SAM" on the PDC emulator (remote registry, read only)
    if (-not $script:Pdc) { throw 'the PDC emulator is not known (addomain.json failed)' }
    $hive = [Microsoft.Win32.RegistryKey]::OpenRemoteBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, $script:Pdc)
    try {
        $lsa = $hive.OpenSubKey('SYSTEM\CurrentControlSet\Control\Lsa')
        $value = if ($null -ne $lsa) { $lsa.GetValue('RestrictRemoteSam') } else { $null }
    }
    finally { $hive.Close() }
    [ordered]@{ Computer = $script:Pdc; RestrictRemoteSam = $value; ConnectorAccountSids = @($script:ConnectorSids | Select-Object -Unique) } |
        Save-Export -Name 'remotesam.json' -Depth 3
}

# --- the user who tests password reset -------------------------------------------------------------
if ($TestUser) {
    Invoke-Step -Name 'testuser.json' -Body {
        # the AD module reads $TestUser itself inside the quoted filter: the name is bound, never parsed
        $properties = @('adminCount', 'nTSecurityDescriptor', 'Enabled', 'LockedOut', 'PasswordExpired', 'CannotChangePassword', 'userPrincipalName')
        $user = @(Get-ADUser -Filter 'sAMAccountName -eq $TestUser -or userPrincipalName -eq $TestUser' -Properties $properties)
        if ($user.Count -ne 1) { throw ("{0} user(s) match -TestUser {1}" -f $user.Count, $TestUser) }
        $user = $user[0]
        $policy = Get-ADUserResultantPasswordPolicy -Identity $user
        $entries = @($user.nTSecurityDescriptor.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]) |
            Where-Object { @($script:ConnectorSids) -contains $_.IdentityReference.Value } |
            ForEach-Object { ConvertTo-RuleRecord -Rule $_ })
        [ordered]@{
            SamAccountName        = $user.SamAccountName
            UserPrincipalName     = $user.userPrincipalName
            DistinguishedName     = $user.DistinguishedName
            Enabled               = $user.Enabled
            LockedOut             = $user.LockedOut
            PasswordExpired       = $user.PasswordExpired
            CannotChangePassword  = $user.CannotChangePassword
            AdminCount            = $user.adminCount
            InheritanceDisabled   = $user.nTSecurityDescriptor.AreAccessRulesProtected
            ResultantPasswordPolicy = if ($null -ne $policy) { [ordered]@{ Name = $policy.Name; MinPasswordAgeDays = $policy.MinPasswordAge.TotalDays } } else { $null }
            ConnectorAccountSids  = @($script:ConnectorSids | Select-Object -Unique)
            AccessRules           = $entries
        } | Save-Export -Name 'testuser.json' -Depth 5
    }
}
else {
    Write-Note 'testuser.json: no -TestUser given: the test user''s adminCount, inheritance, password policy and the connector account''s rights on it are left to the interview'
}

Write-Note ("done: copy the folder {0} to the engineer and run: diagnose {0}" -f $OutputFolder)
