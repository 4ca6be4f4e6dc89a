@echo off
rem drvguard-streams launcher of the fleet application's release archive for cmd.exe (and for
rem PowerShell, which runs it too). Runs lib\drvguard-streams.jar with the java of JAVA_HOME, else
rem the java on PATH, from any working directory. DRVGUARD_STREAMS_JAVA_OPTS adds JVM options (heap,
rem logging levels). The exit status is drvguard-streams'.
setlocal
for %%i in ("%~dp0..") do set "DRVGUARD_STREAMS_HOME=%%~fi"
set "DRVGUARD_STREAMS_JAVA="
if not defined JAVA_HOME goto findOnPath
if exist "%JAVA_HOME%\bin\java.exe" set "DRVGUARD_STREAMS_JAVA=%JAVA_HOME%\bin\java.exe"
if defined DRVGUARD_STREAMS_JAVA goto run

:findOnPath
where java >nul 2>nul
if errorlevel 1 goto noJava
set "DRVGUARD_STREAMS_JAVA=java"
goto run

:noJava
echo drvguard-streams: no java found: install Java 17 or newer and put it on PATH, or set JAVA_HOME 1>&2
exit /b 2

:run
"%DRVGUARD_STREAMS_JAVA%" %DRVGUARD_STREAMS_JAVA_OPTS% -jar "%DRVGUARD_STREAMS_HOME%\lib\drvguard-streams.jar" %*
exit /b %ERRORLEVEL%
