<#
.SYNOPSIS
    writeback-doctor collector for the Microsoft Entra tenant (Microsoft Graph PowerShell). Read-only.

.DESCRIPTION
    Writes, into one folder, the Microsoft Graph exports that `diagnose FOLDER` reads: the tenant's
    licences (subscribedSkus), the organization (does it synchronise from on-premises), the
    authorization policy (may administrators use self-service password reset) and the users with
    the fields the importer reads (userPrincipalName, onPremisesSyncEnabled, assignedLicenses,
    userType, accountEnabled), the members of the activated directory roles (administrators) and the
    tenant's domains (Managed or Federated). Each response body is saved as Graph returns it
    (Invoke-MgGraphRequest -OutputType Json); a paged list is saved as a JSON array of its pages, each
    page as Graph returned it, never parsed and written again.

    Least-privilege delegated scopes, all read-only, asked for once by Connect-MgGraph:
        Organization.Read.All   GET /subscribedSkus, GET /organization
        User.Read.All           GET /users?$select=userPrincipalName,onPremisesSyncEnabled,assignedLicenses,userType,accountEnabled
        Policy.Read.All         GET /policies/authorizationPolicy
        RoleManagement.Read.Directory   GET /directoryRoles?$expand=members
        Domain.Read.All         GET /domains (authenticationType Managed or Federated)
        AuditLog.Read.All       GET /reports/authenticationMethods/userRegistrationDetails (who registered for SSPR)
    Nothing is changed and no token or secret is written. Each request runs on its own: when one
    fails (a scope not consented, a throttled call), the reason goes into notes.txt and the next
    runs.

    Personal data the folder will hold (treat it as the customer's data): every user's UPN, user
    type, whether the account is enabled and synced, and its licences; the administrators' UPNs; the
    tenant's domain names.

    Outbound calls it makes: sign-in and HTTPS GETs to the Microsoft Graph endpoint of -Cloud only
    (graph.microsoft.com, graph.microsoft.us or microsoftgraph.chinacloudapi.cn); a next page is
    followed only on that same host.

    Needs the Microsoft.Graph.Authentication module (Install-Module Microsoft.Graph.Authentication
    -Scope CurrentUser), in Windows PowerShell 5.1 or PowerShell 7. Then: diagnose FOLDER
    (with the connect-server collector's folder too, if you have it: diagnose FOLDER1 FOLDER2).

.PARAMETER OutputFolder
    Where to write the exports (created if missing).

.PARAMETER MaxUserPages
    At most this many pages of 999 users (default 50). A cut list keeps its @odata.nextLink, so
    the doctor knows it is not every user.

.PARAMETER TenantId
    The tenant to sign in to (default: the account's home tenant).

.PARAMETER Cloud
    The tenant's cloud: Global (default), USGov or China; passed to Connect-MgGraph -Environment.

.EXAMPLE
    .\tenant.ps1 -OutputFolder C:\Temp\writeback-tenant
#>
[CmdletBinding()]
param(
    [string]$OutputFolder = (Join-Path -Path (Get-Location).Path -ChildPath 'writeback-doctor-tenant'),
    [ValidateRange(1, 1000)]
    [int]$MaxUserPages = 50,
    [string]$TenantId,
    [ValidateSet('Global', 'USGov', 'China')]
    [string]$Cloud = 'Global'
)

$ErrorActionPreference = 'Stop'
$Scopes = @('Organization.Read.All', 'User.Read.All', 'Policy.Read.All', 'RoleManagement.Read.Directory', 'AuditLog.Read.All', 'Domain.Read.All')
$GraphHosts = @{ Global = 'graph.microsoft.com'; USGov = 'graph.microsoft.us'; China = 'microsoftgraph.chinacloudapi.cn' }
$Environments = @{ Global = 'Global'; USGov = 'USGov'; China = 'China' }
$GraphHost = $GraphHosts[$Cloud]
$Graph = 'https://' + $GraphHost + '/v1.0'
$null = New-Item -ItemType Directory -Path $OutputFolder -Force
$NotesFile = Join-Path -Path $OutputFolder -ChildPath 'notes.txt'
$Utf8 = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false

function Write-Note {
    param([string]$Text)
    $line = '{0:u} {1}' -f (Get-Date).ToUniversalTime(), $Text
    [System.IO.File]::AppendAllText($NotesFile, $line + [Environment]::NewLine, $Utf8)
    Write-Host $Text
}

function Save-Body {
    # One Graph response body, as Graph returned it, in UTF-8.
    param([string]$Name, [string]$Json)
    [System.IO.File]::WriteAllText((Join-Path -Path $OutputFolder -ChildPath $Name), $Json, $Utf8)
    Write-Note ("{0}: written" -f $Name)
}

function Invoke-Step {
    # Runs one request; a failure is written to notes.txt with its reason, and the collection goes on.
    param([string]$Name, [scriptblock]$Body)
    try {
        & $Body
    }
    catch {
        Write-Note ("{0}: FAILED: {1}" -f $Name, $_.Exception.Message)
    }
}

function Get-GraphJson {
    # GET one Graph URL (single quotes keep $select and $filter away from PowerShell's variables), only on the
    # Graph host of -Cloud over HTTPS: a next link that points anywhere else is never followed.
    param([string]$Uri)
    $target = [System.Uri]$Uri
    if ($target.Scheme -ne 'https' -or $target.Host -ne $GraphHost) {
        throw ("refused to follow {0}: not the Graph host {1}" -f $target.GetLeftPart([System.UriPartial]::Authority), $GraphHost)
    }
    return (Invoke-MgGraphRequest -Method GET -Uri $Uri -OutputType Json)
}

function Get-GraphPages {
    # Every page of a Graph collection as Graph returned it, joined into one JSON array of pages ([page1, page2, ...]):
    # a page is never parsed and written again (PowerShell 7's ConvertFrom-Json would turn ISO dates into DateTime),
    # only its @odata.nextLink is read. At most -MaxUserPages pages, each on the Graph host of -Cloud only; the last
    # page of a list cut short keeps its @odata.nextLink, so the doctor never takes it for every item.
    param([string]$Name, [string]$Uri)
    $pages = New-Object -TypeName System.Collections.ArrayList
    while ($Uri -and $pages.Count -lt $MaxUserPages) {
        if (([System.Uri]$Uri).Host -ne $GraphHost) {
            Write-Note ("{0}: the next page is not on {1}; not followed: the list is not complete" -f $Name, $GraphHost)
            break
        }
        $raw = [string](Get-GraphJson -Uri $Uri)
        $null = $pages.Add($raw)
        $Uri = ($raw | ConvertFrom-Json).'@odata.nextLink'
    }
    if ($Uri) {
        Write-Note ("{0}: stopped after {1} page(s): the list is not complete" -f $Name, $pages.Count)
    }
    return ('[' + ($pages.ToArray() -join ',') + ']')
}

Import-Module -Name Microsoft.Graph.Authentication -ErrorAction Stop
if ($TenantId) { Connect-MgGraph -Scopes $Scopes -TenantId $TenantId -Environment $Environments[$Cloud] | Out-Null }
else { Connect-MgGraph -Scopes $Scopes -Environment $Environments[$Cloud] | Out-Null }
Write-Note ("writeback-doctor tenant collector, PowerShell {0}, cloud {1}, scopes {2}" -f $PSVersionTable.PSVersion, $Cloud, ($Scopes -join ', '))

Invoke-Step -Name 'subscribedskus.json' -Body {
    Save-Body -Name 'subscribedskus.json' -Json (Get-GraphJson -Uri ($Graph + '/subscribedSkus'))
}

Invoke-Step -Name 'organization.json' -Body {
    Save-Body -Name 'organization.json' -Json (Get-GraphJson -Uri ($Graph + '/organization'))
}

Invoke-Step -Name 'authorizationpolicy.json' -Body {
    Save-Body -Name 'authorizationpolicy.json' -Json (Get-GraphJson -Uri ($Graph + '/policies/authorizationPolicy'))
}

Invoke-Step -Name 'users.json' -Body {
    # Every page as Graph returned it; if -MaxUserPages cut the list, its last page's @odata.nextLink stays.
    Save-Body -Name 'users.json' -Json (Get-GraphPages -Name 'users.json' -Uri ($Graph + '/users?$select=userPrincipalName,onPremisesSyncEnabled,assignedLicenses,userType,accountEnabled&$top=999'))
}

Invoke-Step -Name 'directoryroles.json' -Body {
    # the activated directory roles with their direct members (eligible PIM assignments are not listed here)
    Save-Body -Name 'directoryroles.json' -Json (Get-GraphJson -Uri ($Graph + '/directoryRoles?$expand=members($select=id,userPrincipalName)'))
}

Invoke-Step -Name 'registration.json' -Body {
    # who registered for self-service password reset; pages joined as for users.json
    Save-Body -Name 'registration.json' -Json (Get-GraphPages -Name 'registration.json' -Uri ($Graph + '/reports/authenticationMethods/userRegistrationDetails?$select=userPrincipalName,isSsprRegistered,isSsprCapable'))
}

Invoke-Step -Name 'domains.json' -Body {
    # every domain with its authenticationType: when none is Federated, the Connect wizard's account is managed
    Save-Body -Name 'domains.json' -Json (Get-GraphJson -Uri ($Graph + '/domains'))
}

Write-Note ("done: copy the folder {0} to the engineer and run: diagnose {0}" -f $OutputFolder)
