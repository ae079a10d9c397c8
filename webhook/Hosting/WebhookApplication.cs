using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Config;
using Netguard.Core.Rules;
using Netguard.Webhook.Admission;
using Netguard.Webhook.Cluster;
using Netguard.Webhook.ConfigReload;
using Netguard.Webhook.Health;
using Netguard.Webhook.Logging;
using Netguard.Webhook.Metrics;
using Netguard.Webhook.Options;
using Netguard.Webhook.Tls;

namespace Netguard.Webhook.Hosting;

/// <summary>
/// Builds the webhook server: Kestrel on --listen with per-handshake certificate selection, the admission
/// and health endpoints, the reloaders and caches. Start-up inputs are checked here so a bad flag, a missing
/// certificate or an invalid config fails fast with one line (<see cref="StartupException"/>).
/// </summary>
public static class WebhookApplication
{
    /// <param name="options">Parsed flags.</param>
    /// <param name="configureServices">Overrides applied after the defaults (tests swap rules, the config parser, the cluster state, the clock).</param>
    public static WebApplication Build(WebhookOptions options, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "netguard-webhook",
            ContentRootPath = AppContext.BaseDirectory,
        });

        ConfigureLogging(builder.Logging, options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Our own limit (3 MiB → 400) is checked in the handler; Kestrel's is a hard cap above it so that a
            // moderately oversized body is drained and the connection stays usable after the 400.
            kestrel.Limits.MaxRequestBodySize = (long)options.MaxRequestBodyBytes * 4;
            kestrel.Listen(options.Listen, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                var certificate = kestrel.ApplicationServices.GetRequiredService<ServingCertificate>();

                // Chosen per handshake: a reloaded certificate is used by the next new connection, established
                // connections are untouched. The context (chain included) is built once per reload.
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = _ => ValueTask.FromResult(certificate.ServerOptions()),
                });
            });
        });

        var services = builder.Services;
        services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownTimeout);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton(sp => new ServingCertificate(
            options.TlsCertificateFile, options.TlsKeyFile, sp.GetRequiredService<WebhookMetrics>(),
            sp.GetRequiredService<ILogger<ServingCertificate>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ConfigParser>(NetguardConfigParser.Parse);
        services.AddSingleton(sp => new ConfigFile(
            options.ConfigFile, sp.GetRequiredService<ConfigParser>(), sp.GetRequiredService<WebhookMetrics>(),
            sp.GetRequiredService<ILogger<ConfigFile>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => BuiltInRules.CreateEngine());
        if (options.Offline)
        {
            services.AddSingleton<IClusterState, OfflineClusterState>();
        }
        else
        {
            var kube = KubeClientSetup.Options(options.Kubeconfig, InClusterEnvironment.FromProcess());
            services.AddSingleton<IKubeClient>(sp => new KubeClient(
                kube, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Netguard.Webhook.KubeClient"), sp.GetRequiredService<TimeProvider>(), stdinIsTerminal: false));
            services.AddSingleton<InformerClusterState>();
            services.AddSingleton<IClusterState>(sp => sp.GetRequiredService<InformerClusterState>());
            services.AddHostedService(sp => sp.GetRequiredService<InformerClusterState>());
        }

        services.AddSingleton<Readiness>();
        services.AddSingleton<AdmissionReviewer>();
        services.AddSingleton(sp => new AdmissionHttpHandler(
            sp.GetRequiredService<AdmissionReviewer>(), sp.GetRequiredService<WebhookMetrics>(),
            sp.GetRequiredService<ILogger<AdmissionHttpHandler>>(), options.MaxRequestBodyBytes));
        services.AddHostedService<WebhookLifecycle>();
        configureServices?.Invoke(services);

        var app = builder.Build();
        LoadStartupInputs(app.Services);

        var handler = app.Services.GetRequiredService<AdmissionHttpHandler>();
        app.MapPost(AdmissionEndpoint.Mutate.Path, (RequestDelegate)handler.Mutate);
        app.MapPost(AdmissionEndpoint.Validate.Path, (RequestDelegate)handler.Validate);
        app.MapHealthEndpoints(app.Services.GetRequiredService<Readiness>(), app.Services.GetRequiredService<WebhookMetrics>(), app.Services.GetRequiredService<IClusterState>());
        app.Lifetime.ApplicationStarted.Register(() => WebhookLog.Listening(
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Netguard.Webhook"),
            string.Join(", ", app.Urls), options.Offline, options.ConfigFile ?? "built-in defaults"));
        return app;
    }

    private static void LoadStartupInputs(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<ServingCertificate>().LoadInitial();
        }
        catch (CertificateLoadException e)
        {
            throw new StartupException(e.Message, e);
        }

        try
        {
            services.GetRequiredService<ConfigFile>().LoadInitial();
        }
        catch (ConfigFileException e)
        {
            throw new StartupException(e.Message, e);
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, WebhookOptions options)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(options.LogLevel);

        // The framework's per-request chatter is not what an operator reads; its warnings and errors are.
        logging.AddFilter("Microsoft", LogLevel.Warning);
        if (options.LogFormat == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }
    }
}
