using System.Security.Cryptography.X509Certificates;
using Netguard.Plugin.Commands.Status;
using Netguard.Testing;
using Netguard.Testing.Certificates;

namespace Netguard.Plugin.Tests.Status;

public sealed class ServingCertificateCheckTests : IDisposable
{
    private const string Name = "netguard-webhook.netguard-system.svc";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create("ca-one", TestKeyAlgorithm.EcdsaP256, TimeSpan.FromDays(100), new ManualTimeProvider(Now));
    private readonly TestCertificateAuthority _other = TestCertificateAuthority.Create("ca-two", TestKeyAlgorithm.EcdsaP256, TimeSpan.FromDays(100), new ManualTimeProvider(Now));

    public void Dispose()
    {
        _ca.Dispose();
        _other.Dispose();
    }

    [Fact]
    public void Evaluate_BundleWithOldAndNewCa_TrustedByTheOneThatSigned()
    {
        using var serving = _ca.IssueServer([Name], TestKeyAlgorithm.EcdsaP256, TimeSpan.FromDays(40));

        var item = ServingCertificateCheck.Evaluate(Evidence(serving.Certificate, Bundle(_other, _ca)), Now);

        item.State.ShouldBe(HealthState.Ok);
        item.Details["trustedByCaBundle"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_NoCaBundleAnywhere_JudgesExpiryOnlyTrustUnknown()
    {
        using var serving = _ca.IssueServer([Name], TestKeyAlgorithm.EcdsaP256, TimeSpan.FromDays(40));

        var item = ServingCertificateCheck.Evaluate(Evidence(serving.Certificate), Now);

        item.State.ShouldBe(HealthState.Ok);
        item.Details["trustedByCaBundle"].ShouldBeNull();
        // issued 5 minutes before now for 40 days
        item.Message.ShouldBe($"serving certificate for {Name} expires 2026-04-10 (in 39d)");
    }

    [Fact]
    public void Evaluate_NotYetValid_Unhealthy()
    {
        using var serving = _ca.IssueServer([Name], TestKeyAlgorithm.EcdsaP256, TimeSpan.FromDays(40), notBefore: Now.AddDays(2));

        var item = ServingCertificateCheck.Evaluate(Evidence(serving.Certificate, Bundle(_ca)), Now);

        item.State.ShouldBe(HealthState.Unhealthy);
        item.Message.ShouldBe($"serving certificate for {Name}, signed by the caBundle's CA, is not valid before 2026-03-03T12:00:00Z");
    }

    [Fact]
    public void Evaluate_WildcardName_CoversTheService()
    {
        using var serving = _ca.IssueServer(["*.netguard-system.svc"], TestKeyAlgorithm.EcdsaP256, TimeSpan.FromDays(40));

        ServingCertificateCheck.Evaluate(Evidence(serving.Certificate, Bundle(_ca)), Now).State.ShouldBe(HealthState.Ok);
    }

    [Fact]
    public void Evaluate_ExactlyThirtyDaysLeft_Ok_LessIsWarning()
    {
        using var serving = _ca.IssueServer([Name], TestKeyAlgorithm.EcdsaP256, TimeSpan.FromDays(40), notBefore: Now.AddDays(-10));

        ServingCertificateCheck.Evaluate(Evidence(serving.Certificate, Bundle(_ca)), Now).State.ShouldBe(HealthState.Ok);
        ServingCertificateCheck.Evaluate(Evidence(serving.Certificate, Bundle(_ca)), Now.AddSeconds(1)).State.ShouldBe(HealthState.Warning);
    }

    private static CertificateEvidence Evidence(X509Certificate2 serving, params WebhookCaBundle[] bundles) =>
        new("netguard-webhook-tls", serving, null, false, bundles, Name);

    private static WebhookCaBundle Bundle(params TestCertificateAuthority[] cas)
    {
        var collection = new X509Certificate2Collection();
        foreach (var ca in cas)
        {
            collection.Add(X509Certificate2.CreateFromPem(ca.CertificatePem));
        }

        return new WebhookCaBundle("validate.netguard.io", collection);
    }
}
