using Netguard.Core.Kube.Auth;
using Netguard.Core.Kube.Errors;
using Netguard.Testing;

namespace Netguard.Core.Tests.Kube.Auth;

public sealed class TokenFileCredentialSourceTests : IDisposable
{
    private readonly TestDirectory _dir = new("netguard-token");
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GetAsync_FileRotated_PicksUpNewTokenAfterAMinute()
    {
        var path = _dir.Write("token", "one\n");
        var source = new TokenFileCredentialSource(path, _clock);
        (await source.GetAsync(default)).Authorization.ShouldBe("Bearer one");

        File.WriteAllText(path, "two");
        _clock.Advance(TimeSpan.FromSeconds(59));
        (await source.GetAsync(default)).Authorization.ShouldBe("Bearer one");

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await source.GetAsync(default)).Authorization.ShouldBe("Bearer two");
    }

    [Fact]
    public async Task RefreshAsync_SameTokenOnDisk_ReturnsNull()
    {
        var path = _dir.Write("token", "one");
        var source = new TokenFileCredentialSource(path, _clock);
        var used = await source.GetAsync(default);

        (await source.RefreshAsync(used, default)).ShouldBeNull();
    }

    [Fact]
    public async Task GetAsync_FileVanishesAfterFirstRead_KeepsLastGoodToken()
    {
        var path = _dir.Write("token", "one");
        var source = new TokenFileCredentialSource(path, _clock);
        await source.GetAsync(default);

        File.Delete(path);
        _clock.Advance(TimeSpan.FromMinutes(5));

        (await source.GetAsync(default)).Authorization.ShouldBe("Bearer one");
    }

    [Fact]
    public async Task GetAsync_NoFileAtAll_ThrowsCredentialError()
    {
        var source = new TokenFileCredentialSource(Path.Combine(_dir.Path, "none"), _clock);

        var e = await Should.ThrowAsync<KubeCredentialException>(async () => await source.GetAsync(default));

        e.Message.ShouldStartWith($"cannot read token file \"{Path.Combine(_dir.Path, "none")}\"");
    }
}
