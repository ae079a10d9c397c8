namespace Netguard.Core.Kube.Client;

/// <summary>Watch event types the client yields (ERROR events are thrown as exceptions instead).</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Only the object's resourceVersion is meaningful: the stream is current up to it.</summary>
    Bookmark,
}
