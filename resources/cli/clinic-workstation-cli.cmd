@echo off
rem Clinic Workstation command line for hospital IT (Windows).
rem
rem   "<install dir>\clinic-workstation-cli.cmd" <command> [args]
rem
rem The RunAsNode fuse is off, so the CLI is the app binary itself in --cli mode
rem (main/index.ts runs the same services as the window, without a window).
rem Electron is a GUI-subsystem program: cmd.exe waits for it inside a script but
rem does not attach it to the console, so stdout and stderr go to private files in
rem %TEMP% (per-user ACL), are printed when the command ends, then deleted; the
rem exit code is passed on for deployment scripts.
setlocal EnableExtensions
set "CW_EXE=%~dp0Clinic Workstation.exe"
if not exist "%CW_EXE%" (
  echo clinic-workstation-cli: "%CW_EXE%" not found 1>&2
  exit /b 9009
)
set "CW_TMP=%TEMP%\clinic-workstation-cli-%RANDOM%%RANDOM%%RANDOM%"
"%CW_EXE%" --cli %* 1>"%CW_TMP%.out" 2>"%CW_TMP%.err"
set "CW_RC=%ERRORLEVEL%"
if exist "%CW_TMP%.out" type "%CW_TMP%.out"
if exist "%CW_TMP%.err" type "%CW_TMP%.err" 1>&2
del /q "%CW_TMP%.out" "%CW_TMP%.err" >nul 2>&1
exit /b %CW_RC%
