namespace Netguard.Webhook.Tests.Infrastructure;

/// <summary>Polls a condition that file watchers or caches make true shortly (fails after 10 s).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string? what = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, (what ?? "condition") + " not met within 10 s");
            await Task.Delay(50);
        }
    }
}
