@echo off
rem drvguard launcher of the release archive for cmd.exe (and for PowerShell, which runs it too).
rem Runs lib\drvguard.jar with the java of JAVA_HOME, else the java on PATH, from any working
rem directory. DRVGUARD_JAVA_OPTS adds JVM options, after the launcher's own, so they win. The exit
rem status is drvguard's. The JIT: the quick compiler only, except for simulate (bin/drvguard says why).
setlocal
for %%i in ("%~dp0..") do set "DRVGUARD_HOME=%%~fi"
set "DRVGUARD_JAVA="
if not defined JAVA_HOME goto findOnPath
if exist "%JAVA_HOME%\bin\java.exe" set "DRVGUARD_JAVA=%JAVA_HOME%\bin\java.exe"
if defined DRVGUARD_JAVA goto run

:findOnPath
where java >nul 2>nul
if errorlevel 1 goto noJava
set "DRVGUARD_JAVA=java"
goto run

:noJava
echo drvguard: no java found: install Java 17 or newer and put it on PATH, or set JAVA_HOME 1>&2
exit /b 2

:run
set "DRVGUARD_JIT=-XX:TieredStopAtLevel=1"
if "%~1"=="simulate" set "DRVGUARD_JIT=-XX:TieredStopAtLevel=4"
"%DRVGUARD_JAVA%" %DRVGUARD_JIT% %DRVGUARD_JAVA_OPTS% "-Ddrvguard.home=%DRVGUARD_HOME%" -jar "%DRVGUARD_HOME%\lib\drvguard.jar" %*
exit /b %ERRORLEVEL%
