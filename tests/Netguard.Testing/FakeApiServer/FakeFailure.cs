namespace Netguard.Testing.FakeApiServer;

/// <summary>An error response the fake server sends instead of serving a matching request (once, or <see cref="Times"/> times).</summary>
public sealed record FakeFailure(Func<FakeRequest, bool> Matches, int Code, string Reason, string Message)
{
    public int Times { get; init; } = 1;

    /// <summary>Close the connection without an answer instead of sending the Status (a dropped connection).</summary>
    public bool Drop { get; init; }
}
