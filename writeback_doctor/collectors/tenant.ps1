<#
.SYNOPSIS
    writeback-doctor collector for the Microsoft Entra tenant (Microsoft Graph PowerShell). Read-only.

.DESCRIPTION
    Writes, into one folder, the Microsoft Graph exports that `diagnose FOLDER` reads: the tenant's
    licences (subscribedSkus), the organization (does it synchronise from on-premises), the
    authorization policy (may administrators use self-service password reset) and the users with
    the fields the importer reads (userPrincipalName, onPremisesSyncEnabled, assignedLicenses).
    Each response body is saved as Graph returns it (Invoke-MgGraphRequest -OutputType Json).

    Least-privilege delegated scopes, all read-only, asked for once by Connect-MgGraph:
        Organization.Read.All   GET /subscribedSkus, GET /organization
        User.Read.All           GET /users?$select=userPrincipalName,onPremisesSyncEnabled,assignedLicenses
        Policy.Read.All         GET /policies/authorizationPolicy
    Nothing is changed and no token or secret is written. Each request runs on its own: when one
    fails (a scope not consented, a throttled call), the reason goes into notes.txt and the next
    runs.

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

.EXAMPLE
    .\tenant.ps1 -OutputFolder C:\Temp\writeback-tenant
#>
[CmdletBinding()]
param(
    [string]$OutputFolder = (Join-Path -Path (Get-Location).Path -ChildPath 'writeback-doctor-tenant'),
    [ValidateRange(1, 1000)]
    [int]$MaxUserPages = 50,
    [string]$TenantId
)

$ErrorActionPreference = 'Stop'
$Scopes = @('Organization.Read.All', 'User.Read.All', 'Policy.Read.All')
$Graph = 'https://graph.microsoft.com/v1.0'
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
    # GET one Graph URL (single quotes keep $select and $filter away from PowerShell's variables).
    param([string]$Uri)
    return (Invoke-MgGraphRequest -Method GET -Uri $Uri -OutputType Json)
}

Import-Module -Name Microsoft.Graph.Authentication -ErrorAction Stop
if ($TenantId) { Connect-MgGraph -Scopes $Scopes -TenantId $TenantId | Out-Null }
else { Connect-MgGraph -Scopes $Scopes | Out-Null }
Write-Note ("writeback-doctor tenant collector, PowerShell {0}, scopes {1}" -f $PSVersionTable.PSVersion, ($Scopes -join ', '))

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
    # Every page joined into one collection; if -MaxUserPages cut it, its @odata.nextLink stays.
    $uri = $Graph + '/users?$select=userPrincipalName,onPremisesSyncEnabled,assignedLicenses&$top=999'
    $users = New-Object -TypeName System.Collections.ArrayList
    $context = $null
    $pages = 0
    while ($uri -and $pages -lt $MaxUserPages) {
        $page = (Get-GraphJson -Uri $uri) | ConvertFrom-Json
        if ($null -eq $context) { $context = $page.'@odata.context' }
        foreach ($user in @($page.value)) { $null = $users.Add($user) }
        $uri = $page.'@odata.nextLink'
        $pages = $pages + 1
    }
    $body = [ordered]@{ '@odata.context' = $context; value = $users.ToArray() }
    if ($uri) {
        $body['@odata.nextLink'] = $uri
        Write-Note ("users.json: stopped after {0} page(s): the list is not every user" -f $pages)
    }
    Save-Body -Name 'users.json' -Json (ConvertTo-Json -InputObject $body -Depth 6)
}

Write-Note ("done: copy the folder {0} to the engineer and run: diagnose {0}" -f $OutputFolder)
