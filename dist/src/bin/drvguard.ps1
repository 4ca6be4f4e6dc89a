# drvguard launcher of the release archive for PowerShell (Windows PowerShell 5.1 and PowerShell 7
# on any system). Runs lib/drvguard.jar with the java of JAVA_HOME, else the java on PATH, from any
# working directory. DRVGUARD_JAVA_OPTS adds JVM options, after the launcher's own, so they win. The
# exit status is drvguard's.
$drvguardHome = Split-Path -Parent $PSScriptRoot
$java = $null
if ($env:JAVA_HOME) {
    foreach ($name in @('java.exe', 'java')) {
        $candidate = Join-Path (Join-Path $env:JAVA_HOME 'bin') $name
        if (Test-Path -LiteralPath $candidate -PathType Leaf) {
            $java = $candidate
            break
        }
    }
}
if (-not $java) {
    $found = Get-Command -Name 'java' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $found) {
        [Console]::Error.WriteLine('drvguard: no java found: install Java 17 or newer and put it on PATH, or set JAVA_HOME')
        exit 2
    }
    $java = $found.Source
}
$javaOptions = @()
if ($env:DRVGUARD_JAVA_OPTS) {
    $javaOptions = @($env:DRVGUARD_JAVA_OPTS -split '\s+' | Where-Object { $_ -ne '' })
}
# the JIT: the quick compiler only, except for simulate (bin/drvguard says why)
$jitOption = '-XX:TieredStopAtLevel=1'
if ($args.Count -gt 0 -and $args[0] -ceq 'simulate') {
    $jitOption = '-XX:TieredStopAtLevel=4'
}
# quoted as a whole: Windows PowerShell 5.1 splits an unquoted -Dname.with.dots=value argument
$homeProperty = "-Ddrvguard.home=$drvguardHome"
$jar = Join-Path (Join-Path $drvguardHome 'lib') 'drvguard.jar'
& $java $jitOption @javaOptions $homeProperty -jar $jar @args
exit $LASTEXITCODE
