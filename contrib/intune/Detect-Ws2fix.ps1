# SPDX-License-Identifier: MIT
# Intune Remediations detection script: is this machine's Winsock catalog broken?
# Runs `ws2fix diagnose -q` (read-only, prints nothing) and turns its exit code
# into the answer Intune reads: exit 1 = issue found, run the remediation;
# exit 0 = compliant. See contrib/intune/README.md and docs/fleet.md.

# Where the Win32 app put ws2fix.exe. ProgramW6432 is the 64-bit Program Files
# folder even when Intune starts this script in 32-bit PowerShell.
$ProgramFiles = if ($env:ProgramW6432) { $env:ProgramW6432 } else { $env:ProgramFiles }
$Ws2fix = Join-Path $ProgramFiles 'ws2fix\ws2fix.exe'

# ws2fix exit code (docs/EXIT-CODES.md) -> this script's exit code.
# 2 = the catalog could not be read or checked (nothing changed): reported as
# an issue so that it shows in the portal instead of passing as compliant; the
# remediation then fails with the reason and changes nothing.
$DetectionExit = @{ 0 = 0; 1 = 1; 2 = 1 }
$Verdict = @{
    0 = 'Winsock catalog healthy'
    1 = 'Winsock catalog broken: at least one error finding'
    2 = 'ws2fix could not check the Winsock catalog (exit 2)'
}

if (-not (Test-Path -LiteralPath $Ws2fix)) {
    Write-Output "ws2fix not found at $Ws2fix"
    exit 1
}
& $Ws2fix diagnose -q
$Code = $LASTEXITCODE
if (-not $DetectionExit.ContainsKey($Code)) {
    Write-Output "ws2fix diagnose: unexpected exit code $Code"
    exit 1
}
Write-Output $Verdict[$Code]
exit $DetectionExit[$Code]
