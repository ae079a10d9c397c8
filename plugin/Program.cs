using System.Runtime.InteropServices;
using Netguard.Plugin.Cli;

// The first SIGINT/SIGTERM cancels the command, which then stops with one line ("error: interrupted"); a second
// one gets the default action, so a command stuck where cancellation does not reach (reading a terminal) still
// ends.
var cts = new CancellationTokenSource();
var received = 0;
void OnSignal(PosixSignalContext signal)
{
    if (Interlocked.CompareExchange(ref received, (int)signal.Signal, 0) == 0)
    {
        signal.Cancel = true;
        cts.Cancel();
    }
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
var exitCode = await NetguardCli.RunAsync(args, CliEnvironment.FromProcess(), cts.Token);

// A cancelled command exits like a shell reports a signalled one: 128 + the signal's number.
return exitCode == ExitCodes.Interrupted && received == (int)PosixSignal.SIGTERM ? 128 + 15 : exitCode;
