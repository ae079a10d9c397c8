namespace Netguard.Core.Kube.Config;

/// <summary>exec.interactiveMode: whether the plugin may (or must) talk to the user on standard input.</summary>
public enum ExecInteractiveMode
{
    Never,
    IfAvailable,
    Always,
}
