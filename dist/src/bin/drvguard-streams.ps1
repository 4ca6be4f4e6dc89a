# drvguard-streams launcher of the fleet application's release archive for PowerShell (Windows
# PowerShell 5.1 and PowerShell 7 on any system). Runs lib/drvguard-streams.jar with the java of
# JAVA_HOME, else the java on PATH, from any working directory. DRVGUARD_STREAMS_JAVA_OPTS adds JVM
# options (heap, logging levels). The exit status is drvguard-streams'.
$streamsHome = Split-Path -Parent $PSScriptRoot
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
        [Console]::Error.WriteLine('drvguard-streams: no java found: install Java 17 or newer and put it on PATH, or set JAVA_HOME')
        exit 2
    }
    $java = $found.Source
}
$javaOptions = @()
if ($env:DRVGUARD_STREAMS_JAVA_OPTS) {
    $javaOptions = @($env:DRVGUARD_STREAMS_JAVA_OPTS -split '\s+' | Where-Object { $_ -ne '' })
}
$jar = Join-Path (Join-Path $streamsHome 'lib') 'drvguard-streams.jar'
& $java @javaOptions -jar $jar @args
exit $LASTEXITCODE
