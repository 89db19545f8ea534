# SPDX-License-Identifier: MIT
# Intune Remediations remediation script: repair the Winsock catalog.
# Runs `ws2fix repair --apply` with its .reg backup in a known folder, appends
# the output to a log in the Intune Management Extension's log folder and
# writes a summary line and the output to standard output (Intune keeps at
# most 2048 characters). Exits with ws2fix's own exit code.
# See contrib/intune/README.md.

$ProgramFiles = if ($env:ProgramW6432) { $env:ProgramW6432 } else { $env:ProgramFiles }
$Ws2fix = Join-Path $ProgramFiles 'ws2fix\ws2fix.exe'
$BackupDir = Join-Path $env:ProgramData 'ws2fix\backups'
$LogFile = Join-Path $env:ProgramData 'Microsoft\IntuneManagementExtension\Logs\ws2fix-remediation.log'

# ws2fix repair --apply exit codes (docs/cli/repair.md, docs/EXIT-CODES.md).
$Meaning = @{
    0 = 'done: repaired and healthy, or nothing to repair'
    1 = 'error findings remain that ws2fix cannot fix by itself (see the output): a person must look'
    2 = 'nothing changed: usage, unreadable catalog, a refused backup path or no administrator rights'
    3 = 'repair failed; the catalog is as before and the backup path is above'
}

if (-not (Test-Path -LiteralPath $Ws2fix)) {
    Write-Output "ws2fix not found at ${Ws2fix}, nothing changed"
    exit 2
}
$Stamp = (Get-Date).ToUniversalTime().ToString('yyyyMMddTHHmmssZ')
$Backup = Join-Path $BackupDir "ws2fix-backup-$Stamp.reg"
New-Item -ItemType Directory -Force -Path $BackupDir | Out-Null

$Output = & $Ws2fix repair --apply --backup $Backup 2>&1 | ForEach-Object { "$_" }
$Code = $LASTEXITCODE
$Summary = "ws2fix repair --apply: exit $Code, $($Meaning[$Code])"

Add-Content -LiteralPath $LogFile -Value (@("[$Stamp] backup (written only when something changes): $Backup") + $Output + $Summary)
Write-Output $Summary
Write-Output $Output
exit $Code
