namespace Netguard.Core.Kube.Auth;

/// <summary>
/// Puts the credential and impersonation headers on every request; after a 401 asks the source for a
/// fresh credential once (exec plugins, rotated token files) and retries.
/// </summary>
internal sealed class KubeAuthHandler : DelegatingHandler
{
    private readonly IKubeCredentialSource _source;
    private readonly ClientCertificateSlot _certificate;
    private readonly string? _impersonateUser;
    private readonly IReadOnlyList<string> _impersonateGroups;

    public KubeAuthHandler(IKubeCredentialSource source, ClientCertificateSlot certificate, string? impersonateUser, IReadOnlyList<string> impersonateGroups, HttpMessageHandler inner)
        : base(inner)
    {
        _source = source;
        _certificate = certificate;
        _impersonateUser = impersonateUser;
        _impersonateGroups = impersonateGroups;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_impersonateUser is not null)
        {
            request.Headers.TryAddWithoutValidation("Impersonate-User", _impersonateUser);
        }

        foreach (var group in _impersonateGroups)
        {
            // One header line per group, as the API server expects.
            request.Headers.TryAddWithoutValidation("Impersonate-Group", group);
        }

        var credential = await _source.GetAsync(cancellationToken);
        Apply(request, credential);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var fresh = await _source.RefreshAsync(credential, cancellationToken);
        if (fresh is null)
        {
            return response;
        }

        response.Dispose();
        Apply(request, fresh);
        return await base.SendAsync(request, cancellationToken);
    }

    private void Apply(HttpRequestMessage request, KubeCredential credential)
    {
        request.Headers.Remove("Authorization");
        if (credential.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", credential.Authorization);
        }

        if (credential.ClientCertificate is not null)
        {
            _certificate.Set(credential.ClientCertificate);
        }
    }
}
