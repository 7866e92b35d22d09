<#
.SYNOPSIS
    writeback-doctor collector for the Microsoft Entra Connect Sync (Azure AD Connect) server. Read-only.

.DESCRIPTION
    Writes, into one folder, every export that `diagnose FOLDER` reads about password writeback on
    this server: the PasswordResetService / ADSync / Directory Synchronization events of the last
    -Days days, the tenant's own Service Bus namespace (read from event 31019, then tested on
    port 443), the proxy the sync service uses (machine.config defaultProxy of .NET Framework 4,
    netsh winhttp), staging mode, the connectors and the AD DS connector account, the writeback
    switch, the domain and its password policies (default and fine-grained), the members of
    "Pre-Windows 2000 Compatible Access", whether this server is a domain controller, and its
    OS, .NET Framework release, TLS 1.2 registry values, Connect version and clock offset.

    It changes nothing and writes no secret: no password, key or token is read, and a proxy
    address is written without any user name or password in it. Each step runs on its own: when
    one fails (a module missing, access denied), the reason goes into notes.txt and the next
    step runs.

    Run it in Windows PowerShell 5.1 or PowerShell 7 on the Connect server, in an elevated
    session of an account in the ADSyncAdmins group (the ADSync cmdlets), allowed to read the
    Application log, with the ActiveDirectory module (RSAT-AD-PowerShell) installed. Reading the
    fine-grained password policies needs a domain administrator (otherwise none are listed).
    Then copy the folder to the engineer and run: diagnose FOLDER

.PARAMETER OutputFolder
    Where to write the exports (created if missing).

.PARAMETER Days
    How many days of events to export (1-60, default 7).

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File .\connect-server.ps1 -OutputFolder C:\Temp\writeback -Days 3
#>
[CmdletBinding()]
param(
    [string]$OutputFolder = (Join-Path -Path (Get-Location).Path -ChildPath ('writeback-doctor-' + $env:COMPUTERNAME)),
    [ValidateRange(1, 60)]
    [int]$Days = 7
)

$ErrorActionPreference = 'Stop'
$null = New-Item -ItemType Directory -Path $OutputFolder -Force
$NotesFile = Join-Path -Path $OutputFolder -ChildPath 'notes.txt'
$Utf8 = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false

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
        return ($Matches[1].ToLowerInvariant() + '.servicebus.windows.net')
    }
    return $null
}

function Format-ProxyAddress {
    # A proxy address without any user name or password in it.
    param([string]$Address)
    if ([string]::IsNullOrEmpty($Address)) { return $null }
    return ($Address -replace '://[^/@]*@', '://')
}

Write-Note ("writeback-doctor connect-server collector on {0}, PowerShell {1}, last {2} day(s) of events" -f $env:COMPUTERNAME, $PSVersionTable.PSVersion, $Days)

# --- Application log: the writeback providers' events (Get-WinEvent) -----------------------------
$script:Events = @()
Invoke-Step -Name 'events.json' -Body {
    $since = (Get-Date).AddDays(-$Days)
    $found = New-Object -TypeName System.Collections.ArrayList
    foreach ($provider in @('PasswordResetService', 'ADSync', 'Directory Synchronization')) {
        try {
            $records = Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = $provider; StartTime = $since } -ErrorAction Stop
            foreach ($record in $records) { $null = $found.Add($record) }
        }
        catch {
            Write-Note ("events.json: {0}: {1}" -f $provider, $_.Exception.Message)
        }
    }
    $script:Events = @($found | Select-Object -Property 'TimeCreated', 'Id', 'ProviderName', 'LevelDisplayName', 'Message')
    $script:Events | Save-Export -Name 'events.json' -Depth 2
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
    $resetHost = 'passwordreset.microsoftonline.com'
    if ($script:Namespace -and $script:Namespace.EndsWith('.usgovcloudapi.net')) { $resetHost = 'passwordreset.microsoftonline.us' }
    $null = $targets.Add(@($resetHost, 443))
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
        $winhttp.Output = ($text -replace '://[^/@\s]*@', '://')
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
    $values = @(
        @('HKLM:\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319', 'SystemDefaultTlsVersions'),
        @('HKLM:\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319', 'SchUseStrongCrypto'),
        @('HKLM:\SOFTWARE\Microsoft\.NETFramework\v4.0.30319', 'SystemDefaultTlsVersions'),
        @('HKLM:\SOFTWARE\Microsoft\.NETFramework\v4.0.30319', 'SchUseStrongCrypto'),
        @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server', 'Enabled'),
        @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server', 'DisabledByDefault'),
        @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client', 'Enabled'),
        @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client', 'DisabledByDefault')
    )
    foreach ($value in $values) {
        $item = Get-ItemProperty -Path $value[0] -Name $value[1] -ErrorAction SilentlyContinue
        $found = 'Not Found'
        if ($null -ne $item) { $found = $item.($value[1]) }
        $null = $rows.Add([ordered]@{ Path = $value[0]; Name = $value[1]; Value = $found })
    }
    $info.Tls12 = $rows.ToArray()
    $exe = Join-Path -Path $env:ProgramFiles -ChildPath 'Microsoft Azure Active Directory Connect\AzureADConnect.exe'
    if (Test-Path -LiteralPath $exe) {
        $info.AzureADConnect = [ordered]@{ Path = $exe; ProductVersion = (Get-Item -LiteralPath $exe).VersionInfo.ProductVersion }
    }
    else {
        Write-Note ("serverinfo.json: {0} not found: the Connect version is left to the interview" -f $exe)
    }
    try {
        $samples = (& w32tm.exe /stripchart /computer:time.windows.com /samples:3 /dataonly 2>&1 | Out-String)
        $info.Clock = [ordered]@{ Command = 'w32tm /stripchart /computer:time.windows.com /samples:3 /dataonly'; Output = $samples }
    }
    catch { $info.Clock = [ordered]@{ Error = $_.Exception.Message } }
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

Write-Note ("done: copy the folder {0} to the engineer and run: diagnose {0}" -f $OutputFolder)
