# SPDX-License-Identifier: MIT
# Configuration Manager configuration item, discovery script (setting type
# Script, data type Integer). Writes ws2fix diagnose's exit code as the
# setting's value; the compliance rule is "equals 0". The script itself always
# exits 0: ConfigMgr treats a non-zero exit code as a discovery failure.
# See contrib/configmgr/README.md and docs/fleet.md.

$ProgramFiles = if ($env:ProgramW6432) { $env:ProgramW6432 } else { $env:ProgramFiles }
$Ws2fix = Join-Path $ProgramFiles 'ws2fix\ws2fix.exe'

# ws2fix diagnose exit code -> the value this script reports
# (0 compliant; 1 broken catalog; 2 could not check, nothing changed).
$Value = @{ 0 = 0; 1 = 1; 2 = 2 }

if (-not (Test-Path -LiteralPath $Ws2fix)) {
    Write-Output 2
    exit 0
}
& $Ws2fix diagnose -q
$Code = $LASTEXITCODE
if (-not $Value.ContainsKey($Code)) {
    Write-Output 2
    exit 0
}
Write-Output $Value[$Code]
exit 0
