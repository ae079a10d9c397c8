using System.Runtime.InteropServices;
using Netguard.Plugin.Cli;

// The first SIGINT/SIGTERM cancels the command, which then stops with one line ("error: interrupted"). A command
// that cancellation does not reach (reading standard input) is ended after a short grace period the same way, and
// a second signal gets the default action at once. An interrupted run never reports success.
var cts = new CancellationTokenSource();
var error = Console.Error;
var received = 0;
var exitOnce = 0;

void Exit(int code)
{
    if (Interlocked.Exchange(ref exitOnce, 1) == 0)
    {
        error.WriteLine("error: interrupted");
        error.Flush();
        Environment.Exit(code);
    }
}

void OnSignal(PosixSignalContext signal)
{
    if (Interlocked.CompareExchange(ref received, (int)signal.Signal, 0) != 0)
    {
        return; // the second one: default action
    }

    signal.Cancel = true;
    cts.Cancel();
    var code = SignalExitCode(signal.Signal);
    _ = Task.Delay(TimeSpan.FromSeconds(2)).ContinueWith(_ => Exit(code), TaskScheduler.Default);
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
var exitCode = await NetguardCli.RunAsync(args, CliEnvironment.FromProcess(), cts.Token);
if (received == 0)
{
    return exitCode;
}

// RunAsync has said "error: interrupted" when the command saw the cancellation, and a failed command has said
// what failed; say it only when the command ran on as if nothing had happened.
if (exitCode is not (ExitCodes.Clean or ExitCodes.Findings) && Interlocked.Exchange(ref exitOnce, 1) == 0)
{
    return SignalExitCode((PosixSignal)received);
}

Exit(SignalExitCode((PosixSignal)received));
return SignalExitCode((PosixSignal)received);

// As a shell reports a command a signal ended: 128 + the signal's number.
static int SignalExitCode(PosixSignal signal) => signal == PosixSignal.SIGTERM ? 128 + 15 : ExitCodes.Interrupted;
