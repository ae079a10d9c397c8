using Netguard.Core.Kube.Errors;

namespace Netguard.Core.Kube.Auth;

/// <summary>
/// A bearer token read from a file that is rotated under us (projected service-account tokens, tokenFile).
/// Re-read when older than a minute (client-go's period) and at once after a 401. If a re-read fails
/// the last good token is kept.
/// </summary>
internal sealed class TokenFileCredentialSource : IKubeCredentialSource
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private KubeCredential? _current;
    private DateTimeOffset _readAt;

    public TokenFileCredentialSource(string path, TimeProvider time)
    {
        _path = path;
        _time = time;
    }

    public ValueTask<KubeCredential> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_current is null || _time.GetUtcNow() - _readAt >= MaxAge)
            {
                Reload();
            }

            return ValueTask.FromResult(_current!);
        }
    }

    public ValueTask<KubeCredential?> RefreshAsync(KubeCredential rejected, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_current, rejected))
            {
                return ValueTask.FromResult<KubeCredential?>(_current);
            }

            var before = _current;
            Reload();
            return ValueTask.FromResult(_current!.Authorization == before?.Authorization ? null : _current);
        }
    }

    private void Reload()
    {
        string token;
        try
        {
            token = File.ReadAllText(_path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (_current is not null)
            {
                _readAt = _time.GetUtcNow();
                return;
            }

            throw new KubeCredentialException($"cannot read token file \"{_path}\": {e.Message}", e);
        }

        _readAt = _time.GetUtcNow();
        if (_current?.Authorization != "Bearer " + token)
        {
            _current = new KubeCredential(token.Length == 0 ? null : "Bearer " + token, null);
        }
    }
}
