# SPDX-License-Identifier: MIT
# Configuration Manager configuration item, remediation script: runs when the
# discovery value is not 0. Runs `ws2fix repair --apply` with its .reg backup
# in a known folder and appends the output to a log file. Exits with ws2fix's
# own exit code. See contrib/configmgr/README.md.

$ProgramFiles = if ($env:ProgramW6432) { $env:ProgramW6432 } else { $env:ProgramFiles }
$Ws2fix = Join-Path $ProgramFiles 'ws2fix\ws2fix.exe'
$BackupDir = Join-Path $env:ProgramData 'ws2fix\backups'
$LogFile = Join-Path $env:ProgramData 'ws2fix\logs\ws2fix-remediation.log'

# ws2fix repair --apply exit codes (docs/cli/repair.md, docs/EXIT-CODES.md).
$Meaning = @{
    0 = 'done: repaired and healthy, or nothing to repair'
    1 = 'error findings remain that ws2fix cannot fix by itself: a person must look'
    2 = 'nothing changed: usage, unreadable catalog, a refused backup path or no administrator rights'
    3 = 'repair failed; the catalog is as before'
}

New-Item -ItemType Directory -Force -Path $BackupDir, (Split-Path -Parent $LogFile) | Out-Null
$Stamp = (Get-Date).ToUniversalTime().ToString('yyyyMMddTHHmmssZ')
if (-not (Test-Path -LiteralPath $Ws2fix)) {
    Add-Content -LiteralPath $LogFile -Value "[$Stamp] ws2fix not found at ${Ws2fix}, nothing changed"
    exit 2
}
$Backup = Join-Path $BackupDir "ws2fix-backup-$Stamp.reg"
$Output = & $Ws2fix repair --apply --backup $Backup 2>&1 | ForEach-Object { "$_" }
$Code = $LASTEXITCODE
Add-Content -LiteralPath $LogFile -Value (@("[$Stamp] ws2fix repair --apply --backup $Backup") + $Output +
    "exit $Code, $($Meaning[$Code])")
exit $Code
